namespace AutoMLV2.Model;

/// <summary>
/// The properties of an AutoML candidate job.
/// (SageMaker shape <c>CandidateProperties</c>.)
/// </summary>
public partial class CandidateProperties
{
    /// <summary>
    /// The Amazon S3 prefix to the artifacts generated for an AutoML candidate.
    /// </summary>
    public CandidateArtifactLocations? CandidateArtifactLocations { get; set; }

    /// <summary>
    /// Information about the candidate metrics for an AutoML job.
    /// </summary>
    public MetricDatum[]? CandidateMetrics { get; set; }
}
