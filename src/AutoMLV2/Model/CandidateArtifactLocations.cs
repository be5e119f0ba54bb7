namespace AutoMLV2.Model;

/// <summary>
/// The location of artifacts for an AutoML candidate job.
/// (SageMaker shape <c>CandidateArtifactLocations</c>.)
/// </summary>
public partial class CandidateArtifactLocations
{
    /// <summary>
    /// The Amazon S3 prefix to the explainability artifacts generated for the AutoML candidate.
    /// </summary>
    public string? Explainability { get; set; }

    /// <summary>
    /// The Amazon S3 prefix to the model insight artifacts generated for the AutoML candidate.
    /// </summary>
    public string? ModelInsights { get; set; }

    /// <summary>
    /// The Amazon S3 prefix to the accuracy metrics and the inference results observed over the
    /// testing window.
    /// </summary>
    public string? BacktestResults { get; set; }
}
