namespace AutoMLV2.Model;

using System.Collections.Generic;

/// <summary>
/// Transformations allowed on the dataset.
/// (SageMaker shape <c>TimeSeriesTransformations</c>.)
/// </summary>
public partial class TimeSeriesTransformations
{
    /// <summary>
    /// A key value pair defining the filling method for a column, where the key is the column name
    /// and the value is an object which defines the filling logic.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>>? Filling { get; set; }

    /// <summary>
    /// A key value pair defining the aggregation method for a column, where the key is the column
    /// name and the value is the aggregation method.
    /// </summary>
    public Dictionary<string, string>? Aggregation { get; set; }
}
