namespace AutoMLV2.Model;

/// <summary>
/// The collection of settings used by an AutoML job V2 for the tabular problem type.
/// (SageMaker shape <c>TabularJobConfig</c>.)
/// </summary>
public partial class TabularJobConfig
{
    /// <summary>
    /// The configuration information of how model candidates are generated.
    /// </summary>
    public CandidateGenerationConfig? CandidateGenerationConfig { get; set; }

    /// <summary>
    /// How long a job is allowed to run, or how many candidates a job is allowed to generate.
    /// </summary>
    public AutoMLJobCompletionCriteria? CompletionCriteria { get; set; }

    /// <summary>
    /// A URL to the Amazon S3 data source containing selected features from the input data source
    /// to run an Autopilot job V2.
    /// </summary>
    public string? FeatureSpecificationS3Uri { get; set; }

    /// <summary>
    /// The method that Autopilot uses to train the data.
    /// </summary>
    /// <remarks>Known values: AUTO, ENSEMBLING, HYPERPARAMETER_TUNING. Other values are kept as
    /// they come.</remarks>
    public string? Mode { get; set; }

    /// <summary>
    /// Generates possible candidates without training the models.
    /// </summary>
    public bool? GenerateCandidateDefinitionsOnly { get; set; }

    /// <summary>
    /// The type of supervised learning problem available for the model candidates of the AutoML job
    /// V2.
    /// </summary>
    /// <remarks>Known values: BinaryClassification, MulticlassClassification, Regression. Other
    /// values are kept as they come.</remarks>
    public string? ProblemType { get; set; }

    /// <summary>
    /// The name of the target variable in supervised learning, usually represented by 'y'.
    /// </summary>
    public string? TargetAttributeName { get; set; }

    /// <summary>
    /// If specified, this column name indicates which column of the dataset should be treated as
    /// sample weights for use by the objective metric during the training, evaluation, and the
    /// selection of the best model.
    /// </summary>
    public string? SampleWeightAttributeName { get; set; }
}
