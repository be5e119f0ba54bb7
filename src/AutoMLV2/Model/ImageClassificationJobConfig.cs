namespace AutoMLV2.Model;

/// <summary>
/// The collection of settings used by an AutoML job V2 for the image classification problem
/// type.
/// (SageMaker shape <c>ImageClassificationJobConfig</c>.)
/// </summary>
public partial class ImageClassificationJobConfig
{
    /// <summary>
    /// How long a job is allowed to run, or how many candidates a job is allowed to generate.
    /// </summary>
    public AutoMLJobCompletionCriteria? CompletionCriteria { get; set; }
}
