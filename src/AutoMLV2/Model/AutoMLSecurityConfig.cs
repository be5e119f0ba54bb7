namespace AutoMLV2.Model;

/// <summary>
/// Security options.
/// (SageMaker shape <c>AutoMLSecurityConfig</c>.)
/// </summary>
public partial class AutoMLSecurityConfig
{
    /// <summary>
    /// The key used to encrypt stored data.
    /// </summary>
    public string? VolumeKmsKeyId { get; set; }

    /// <summary>
    /// Whether to use traffic encryption between the container layers.
    /// </summary>
    public bool? EnableInterContainerTrafficEncryption { get; set; }

    /// <summary>
    /// The VPC configuration.
    /// </summary>
    public VpcConfig? VpcConfig { get; set; }
}
