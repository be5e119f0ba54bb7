namespace AutoMLV2.Model;

/// <summary>
/// A collection of settings specific to the problem type used to configure an AutoML job V2.
/// (SageMaker shape <c>AutoMLProblemTypeConfig</c>, a union: at most one member is set.)
/// </summary>
[UnionShape]
public partial class AutoMLProblemTypeConfig
{
    /// <summary>
    /// Settings used to configure an AutoML job V2 for the image classification problem type.
    /// </summary>
    public ImageClassificationJobConfig? ImageClassificationJobConfig { get; set; }

    /// <summary>
    /// Settings used to configure an AutoML job V2 for the text classification problem type.
    /// </summary>
    public TextClassificationJobConfig? TextClassificationJobConfig { get; set; }

    /// <summary>
    /// Settings used to configure an AutoML job V2 for the time-series forecasting problem type.
    /// </summary>
    public TimeSeriesForecastingJobConfig? TimeSeriesForecastingJobConfig { get; set; }

    /// <summary>
    /// Settings used to configure an AutoML job V2 for the tabular problem type (regression,
    /// classification).
    /// </summary>
    public TabularJobConfig? TabularJobConfig { get; set; }

    /// <summary>
    /// Settings used to configure an AutoML job V2 for the text generation (LLMs fine-tuning)
    /// problem type.
    /// </summary>
    public TextGenerationJobConfig? TextGenerationJobConfig { get; set; }
}
