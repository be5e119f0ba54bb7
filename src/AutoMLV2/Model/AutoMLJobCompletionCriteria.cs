namespace AutoMLV2.Model;

/// <summary>
/// How long a job is allowed to run, or how many candidates a job is allowed to generate.
/// (SageMaker shape <c>AutoMLJobCompletionCriteria</c>.)
/// </summary>
public partial class AutoMLJobCompletionCriteria
{
    /// <summary>
    /// The maximum number of times a training job is allowed to run.
    /// </summary>
    public int? MaxCandidates { get; set; }

    /// <summary>
    /// The maximum time, in seconds, that each training job executed inside hyperparameter tuning
    /// is allowed to run as part of a hyperparameter tuning job.
    /// </summary>
    public int? MaxRuntimePerTrainingJobInSeconds { get; set; }

    /// <summary>
    /// The maximum runtime, in seconds, an AutoML job has to complete.
    /// </summary>
    public int? MaxAutoMLJobRuntimeInSeconds { get; set; }
}
