namespace AutoMLV2.Model;

/// <summary>
/// The resolved attributes specific to the tabular problem type.
/// (SageMaker shape <c>TabularResolvedAttributes</c>.)
/// </summary>
public partial class TabularResolvedAttributes
{
    /// <summary>
    /// The type of supervised learning problem available for the model candidates of the AutoML job
    /// V2 (Binary Classification, Multiclass Classification, Regression).
    /// </summary>
    /// <remarks>Known values: BinaryClassification, MulticlassClassification, Regression. Other
    /// values are kept as they come.</remarks>
    public string? ProblemType { get; set; }
}
