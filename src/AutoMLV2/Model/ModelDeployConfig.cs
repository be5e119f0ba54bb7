namespace AutoMLV2.Model;

/// <summary>
/// Specifies how to generate the endpoint name for an automatic one-click Autopilot model
/// deployment.
/// (SageMaker shape <c>ModelDeployConfig</c>.)
/// </summary>
public partial class ModelDeployConfig
{
    /// <summary>
    /// Set to True to automatically generate an endpoint name for a one-click Autopilot model
    /// deployment; set to False otherwise.
    /// </summary>
    public bool? AutoGenerateEndpointName { get; set; }

    /// <summary>
    /// Specifies the endpoint name to use for a one-click Autopilot model deployment if the
    /// endpoint name is not generated automatically.
    /// </summary>
    public string? EndpointName { get; set; }
}
