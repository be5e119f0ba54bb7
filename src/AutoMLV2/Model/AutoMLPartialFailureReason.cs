namespace AutoMLV2.Model;

/// <summary>
/// The reason for a partial failure of an AutoML job.
/// (SageMaker shape <c>AutoMLPartialFailureReason</c>.)
/// </summary>
public partial class AutoMLPartialFailureReason
{
    /// <summary>
    /// The message containing the reason for a partial failure of an AutoML job.
    /// </summary>
    public string? PartialFailureMessage { get; set; }
}
