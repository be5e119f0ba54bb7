namespace AutoMLV2.Model;

/// <summary>
/// Information about the steps for a candidate and what step it is working on.
/// (SageMaker shape <c>AutoMLCandidateStep</c>.)
/// </summary>
public partial class AutoMLCandidateStep
{
    /// <summary>
    /// Whether the candidate is at the transform, training, or processing step.
    /// </summary>
    /// <remarks>Known values: AWS::SageMaker::TrainingJob, AWS::SageMaker::TransformJob,
    /// AWS::SageMaker::ProcessingJob. Other values are kept as they come.</remarks>
    public string? CandidateStepType { get; set; }

    /// <summary>
    /// The ARN for the candidate's step.
    /// </summary>
    public string? CandidateStepArn { get; set; }

    /// <summary>
    /// The name for the candidate's step.
    /// </summary>
    public string? CandidateStepName { get; set; }
}
