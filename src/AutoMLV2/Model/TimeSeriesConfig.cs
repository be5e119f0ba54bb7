namespace AutoMLV2.Model;

/// <summary>
/// The collection of components that defines the time-series.
/// (SageMaker shape <c>TimeSeriesConfig</c>.)
/// </summary>
public partial class TimeSeriesConfig
{
    /// <summary>
    /// The name of the column representing the target variable that you want to predict for each
    /// item in your dataset.
    /// </summary>
    public string? TargetAttributeName { get; set; }

    /// <summary>
    /// The name of the column indicating a point in time at which the target value of a given item
    /// is recorded.
    /// </summary>
    public string? TimestampAttributeName { get; set; }

    /// <summary>
    /// The name of the column that represents the set of item identifiers for which you want to
    /// predict the target value.
    /// </summary>
    public string? ItemIdentifierAttributeName { get; set; }

    /// <summary>
    /// A set of columns names that can be grouped with the item identifier column to create a
    /// composite key for which a target value is predicted.
    /// </summary>
    public string[]? GroupingAttributeNames { get; set; }
}
