namespace AutoMLV2.Model;

using System;
using System.Collections.Generic;

/// <summary>
/// Information about a candidate produced by an AutoML training job, including its status,
/// steps, and other properties.
/// (SageMaker shape <c>AutoMLCandidate</c>.)
/// </summary>
public partial class AutoMLCandidate
{
    /// <summary>
    /// The name of the candidate.
    /// </summary>
    public string? CandidateName { get; set; }

    /// <summary>
    /// The best candidate result from an AutoML training job.
    /// </summary>
    public FinalAutoMLJobObjectiveMetric? FinalAutoMLJobObjectiveMetric { get; set; }

    /// <summary>
    /// The objective's status.
    /// </summary>
    /// <remarks>Known values: Succeeded, Pending, Failed. Other values are kept as they
    /// come.</remarks>
    public string? ObjectiveStatus { get; set; }

    /// <summary>
    /// Information about the candidate's steps.
    /// </summary>
    public AutoMLCandidateStep[]? CandidateSteps { get; set; }

    /// <summary>
    /// The candidate's status.
    /// </summary>
    /// <remarks>Known values: Completed, InProgress, Failed, Stopped, Stopping. Other values are
    /// kept as they come.</remarks>
    public string? CandidateStatus { get; set; }

    /// <summary>
    /// Information about the recommended inference container definitions.
    /// </summary>
    public AutoMLContainerDefinition[]? InferenceContainers { get; set; }

    /// <summary>
    /// The creation time.
    /// </summary>
    public DateTime? CreationTime { get; set; }

    /// <summary>
    /// The end time.
    /// </summary>
    public DateTime? EndTime { get; set; }

    /// <summary>
    /// The last modified time.
    /// </summary>
    public DateTime? LastModifiedTime { get; set; }

    /// <summary>
    /// The failure reason.
    /// </summary>
    public string? FailureReason { get; set; }

    /// <summary>
    /// The properties of an AutoML candidate job.
    /// </summary>
    public CandidateProperties? CandidateProperties { get; set; }

    /// <summary>
    /// The mapping of all supported processing unit (CPU, GPU, etc...) to inference container
    /// definitions for the candidate.
    /// </summary>
    public Dictionary<string, AutoMLContainerDefinition[]>? InferenceContainerDefinitions { get; set; }
}
