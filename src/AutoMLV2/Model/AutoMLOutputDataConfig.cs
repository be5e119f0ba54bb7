namespace AutoMLV2.Model;

/// <summary>
/// The output data configuration.
/// (SageMaker shape <c>AutoMLOutputDataConfig</c>.)
/// </summary>
public partial class AutoMLOutputDataConfig
{
    /// <summary>
    /// The Key Management Service encryption key ID.
    /// </summary>
    public string? KmsKeyId { get; set; }

    /// <summary>
    /// The Amazon S3 output path.
    /// </summary>
    public string? S3OutputPath { get; set; }
}
