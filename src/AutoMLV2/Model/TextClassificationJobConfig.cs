namespace AutoMLV2.Model;

/// <summary>
/// The collection of settings used by an AutoML job V2 for the text classification problem
/// type.
/// (SageMaker shape <c>TextClassificationJobConfig</c>.)
/// </summary>
public partial class TextClassificationJobConfig
{
    /// <summary>
    /// How long a job is allowed to run, or how many candidates a job is allowed to generate.
    /// </summary>
    public AutoMLJobCompletionCriteria? CompletionCriteria { get; set; }

    /// <summary>
    /// The name of the column used to provide the sentences to be classified.
    /// </summary>
    public string? ContentColumn { get; set; }

    /// <summary>
    /// The name of the column used to provide the class labels.
    /// </summary>
    public string? TargetLabelColumn { get; set; }
}
