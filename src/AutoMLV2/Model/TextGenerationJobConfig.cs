namespace AutoMLV2.Model;

using System.Collections.Generic;

/// <summary>
/// The collection of settings used by an AutoML job V2 for the text generation problem type.
/// (SageMaker shape <c>TextGenerationJobConfig</c>.)
/// </summary>
public partial class TextGenerationJobConfig
{
    /// <summary>
    /// How long a fine-tuning job is allowed to run.
    /// </summary>
    public AutoMLJobCompletionCriteria? CompletionCriteria { get; set; }

    /// <summary>
    /// The name of the base model to fine-tune.
    /// </summary>
    public string? BaseModelName { get; set; }

    /// <summary>
    /// The hyperparameters used to configure and optimize the learning process of the base model.
    /// </summary>
    public Dictionary<string, string>? TextGenerationHyperParameters { get; set; }

    /// <summary>
    /// The access configuration file to control access to the ML model.
    /// </summary>
    public ModelAccessConfig? ModelAccessConfig { get; set; }
}
