namespace AutoMLV2.Model;

/// <summary>
/// The access configuration file to control access to the ML model.
/// (SageMaker shape <c>ModelAccessConfig</c>.)
/// </summary>
public partial class ModelAccessConfig
{
    /// <summary>
    /// Specifies agreement to the model end-user license agreement (EULA).
    /// </summary>
    public bool? AcceptEula { get; set; }
}
