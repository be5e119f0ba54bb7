namespace AutoMLV2.Model;

/// <summary>
/// The artifacts that are generated during an AutoML job.
/// (SageMaker shape <c>AutoMLJobArtifacts</c>.)
/// </summary>
public partial class AutoMLJobArtifacts
{
    /// <summary>
    /// The URL of the notebook location.
    /// </summary>
    public string? CandidateDefinitionNotebookLocation { get; set; }

    /// <summary>
    /// The URL of the notebook location.
    /// </summary>
    public string? DataExplorationNotebookLocation { get; set; }
}
