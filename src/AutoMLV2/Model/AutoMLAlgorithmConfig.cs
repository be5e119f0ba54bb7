namespace AutoMLV2.Model;

/// <summary>
/// The selection of algorithms trained on your dataset to generate the model candidates for an
/// Autopilot job.
/// (SageMaker shape <c>AutoMLAlgorithmConfig</c>.)
/// </summary>
public partial class AutoMLAlgorithmConfig
{
    /// <summary>
    /// The selection of algorithms trained on your dataset to generate the model candidates for an
    /// Autopilot job.
    /// </summary>
    public string[]? AutoMLAlgorithms { get; set; }
}
