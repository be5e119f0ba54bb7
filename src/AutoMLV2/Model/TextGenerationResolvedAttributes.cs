namespace AutoMLV2.Model;

/// <summary>
/// The resolved attributes specific to the text generation problem type.
/// (SageMaker shape <c>TextGenerationResolvedAttributes</c>.)
/// </summary>
public partial class TextGenerationResolvedAttributes
{
    /// <summary>
    /// The name of the base model to fine-tune.
    /// </summary>
    public string? BaseModelName { get; set; }
}
