namespace AutoMLV2.Model;

using System;

/// <summary>
/// An AutoML V2 job, as DescribeAutoMLJobV2 returns it.
/// (SageMaker shape <c>DescribeAutoMLJobV2Response</c>.)
/// </summary>
public partial class AutoMLJobV2
{
    /// <summary>
    /// Returns the name of the AutoML job V2.
    /// </summary>
    public string? AutoMLJobName { get; set; }

    /// <summary>
    /// Returns the Amazon Resource Name (ARN) of the AutoML job V2.
    /// </summary>
    public string? AutoMLJobArn { get; set; }

    /// <summary>
    /// Returns an array of channel objects describing the input data and their location.
    /// </summary>
    public AutoMLJobChannel[]? AutoMLJobInputDataConfig { get; set; }

    /// <summary>
    /// Returns the job's output data config.
    /// </summary>
    public AutoMLOutputDataConfig? OutputDataConfig { get; set; }

    /// <summary>
    /// The ARN of the IAM role that has read permission to the input data location and write
    /// permission to the output data location in Amazon S3.
    /// </summary>
    public string? RoleArn { get; set; }

    /// <summary>
    /// Returns the job's objective.
    /// </summary>
    public AutoMLJobObjective? AutoMLJobObjective { get; set; }

    /// <summary>
    /// Returns the configuration settings of the problem type set for the AutoML job V2.
    /// </summary>
    public AutoMLProblemTypeConfig? AutoMLProblemTypeConfig { get; set; }

    /// <summary>
    /// Returns the name of the problem type configuration set for the AutoML job V2.
    /// </summary>
    /// <remarks>Known values: ImageClassification, TextClassification, TimeSeriesForecasting,
    /// Tabular, TextGeneration. Other values are kept as they come.</remarks>
    public string? AutoMLProblemTypeConfigName { get; set; }

    /// <summary>
    /// Returns the creation time of the AutoML job V2.
    /// </summary>
    public DateTime? CreationTime { get; set; }

    /// <summary>
    /// Returns the end time of the AutoML job V2.
    /// </summary>
    public DateTime? EndTime { get; set; }

    /// <summary>
    /// Returns the job's last modified time.
    /// </summary>
    public DateTime? LastModifiedTime { get; set; }

    /// <summary>
    /// Returns the reason for the failure of the AutoML job V2, when applicable.
    /// </summary>
    public string? FailureReason { get; set; }

    /// <summary>
    /// Returns a list of reasons for partial failures within an AutoML job V2.
    /// </summary>
    public AutoMLPartialFailureReason[]? PartialFailureReasons { get; set; }

    /// <summary>
    /// Information about the candidate produced by an AutoML training job V2, including its status,
    /// steps, and other properties.
    /// </summary>
    public AutoMLCandidate? BestCandidate { get; set; }

    /// <summary>
    /// Returns the status of the AutoML job V2.
    /// </summary>
    /// <remarks>Known values: Completed, InProgress, Failed, Stopped, Stopping. Other values are
    /// kept as they come.</remarks>
    public string? AutoMLJobStatus { get; set; }

    /// <summary>
    /// Returns the secondary status of the AutoML job V2.
    /// </summary>
    /// <remarks>Known values: Starting, MaxCandidatesReached, Failed, Stopped,
    /// MaxAutoMLJobRuntimeReached, Stopping, CandidateDefinitionsGenerated, Completed,
    /// ExplainabilityError, DeployingModel, ModelDeploymentError, GeneratingModelInsightsReport,
    /// ModelInsightsError, AnalyzingData, FeatureEngineering, ModelTuning,
    /// GeneratingExplainabilityReport, TrainingModels, PreTraining. Other values are kept as they
    /// come.</remarks>
    public string? AutoMLJobSecondaryStatus { get; set; }

    /// <summary>
    /// The artifacts that are generated during an AutoML job.
    /// </summary>
    public AutoMLJobArtifacts? AutoMLJobArtifacts { get; set; }

    /// <summary>
    /// Returns the resolved attributes used by the AutoML job V2.
    /// </summary>
    public AutoMLResolvedAttributes? ResolvedAttributes { get; set; }

    /// <summary>
    /// Indicates whether the model was deployed automatically to an endpoint and the name of that
    /// endpoint if deployed automatically.
    /// </summary>
    public ModelDeployConfig? ModelDeployConfig { get; set; }

    /// <summary>
    /// Provides information about endpoint for the model deployment.
    /// </summary>
    public ModelDeployResult? ModelDeployResult { get; set; }

    /// <summary>
    /// Returns the configuration settings of how the data are split into train and validation
    /// datasets.
    /// </summary>
    public AutoMLDataSplitConfig? DataSplitConfig { get; set; }

    /// <summary>
    /// Returns the security configuration for traffic encryption or Amazon VPC settings.
    /// </summary>
    public AutoMLSecurityConfig? SecurityConfig { get; set; }

    /// <summary>
    /// The compute configuration used for the AutoML job V2.
    /// </summary>
    public AutoMLComputeConfig? AutoMLComputeConfig { get; set; }
}
