namespace AutoMLV2.Model;

/// <summary>
/// Describes the Amazon S3 data source.
/// (SageMaker shape <c>AutoMLS3DataSource</c>.)
/// </summary>
public partial class AutoMLS3DataSource
{
    /// <summary>
    /// The data type.
    /// </summary>
    /// <remarks>Known values: ManifestFile, S3Prefix, AugmentedManifestFile. Other values are kept
    /// as they come.</remarks>
    public string? S3DataType { get; set; }

    /// <summary>
    /// The URL to the Amazon S3 data source.
    /// </summary>
    public string? S3Uri { get; set; }
}
