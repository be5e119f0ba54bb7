namespace AutoMLV2.Model;

/// <summary>
/// Provides information about the endpoint of the model deployment.
/// (SageMaker shape <c>ModelDeployResult</c>.)
/// </summary>
public partial class ModelDeployResult
{
    /// <summary>
    /// The name of the endpoint to which the model has been deployed.
    /// </summary>
    public string? EndpointName { get; set; }
}
