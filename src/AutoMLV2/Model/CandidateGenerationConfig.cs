namespace AutoMLV2.Model;

/// <summary>
/// Stores the configuration information for how model candidates are generated using an AutoML
/// job V2.
/// (SageMaker shape <c>CandidateGenerationConfig</c>.)
/// </summary>
public partial class CandidateGenerationConfig
{
    /// <summary>
    /// Your Autopilot job trains a default set of algorithms on your dataset.
    /// </summary>
    public AutoMLAlgorithmConfig[]? AlgorithmsConfig { get; set; }
}
