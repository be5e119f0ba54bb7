namespace AutoMLV2.Model;

using System;

/// <summary>
/// Provides a summary about an AutoML job.
/// (SageMaker shape <c>AutoMLJobSummary</c>.)
/// </summary>
public partial class AutoMLJobSummary
{
    /// <summary>
    /// The name of the AutoML job you are requesting.
    /// </summary>
    public string? AutoMLJobName { get; set; }

    /// <summary>
    /// The ARN of the AutoML job.
    /// </summary>
    public string? AutoMLJobArn { get; set; }

    /// <summary>
    /// The status of the AutoML job.
    /// </summary>
    /// <remarks>Known values: Completed, InProgress, Failed, Stopped, Stopping. Other values are
    /// kept as they come.</remarks>
    public string? AutoMLJobStatus { get; set; }

    /// <summary>
    /// The secondary status of the AutoML job.
    /// </summary>
    /// <remarks>Known values: Starting, MaxCandidatesReached, Failed, Stopped,
    /// MaxAutoMLJobRuntimeReached, Stopping, CandidateDefinitionsGenerated, Completed,
    /// ExplainabilityError, DeployingModel, ModelDeploymentError, GeneratingModelInsightsReport,
    /// ModelInsightsError, AnalyzingData, FeatureEngineering, ModelTuning,
    /// GeneratingExplainabilityReport, TrainingModels, PreTraining. Other values are kept as they
    /// come.</remarks>
    public string? AutoMLJobSecondaryStatus { get; set; }

    /// <summary>
    /// When the AutoML job was created.
    /// </summary>
    public DateTime? CreationTime { get; set; }

    /// <summary>
    /// The end time of an AutoML job.
    /// </summary>
    public DateTime? EndTime { get; set; }

    /// <summary>
    /// When the AutoML job was last modified.
    /// </summary>
    public DateTime? LastModifiedTime { get; set; }

    /// <summary>
    /// The failure reason of an AutoML job.
    /// </summary>
    public string? FailureReason { get; set; }

    /// <summary>
    /// The list of reasons for partial failures within an AutoML job.
    /// </summary>
    public AutoMLPartialFailureReason[]? PartialFailureReasons { get; set; }
}
