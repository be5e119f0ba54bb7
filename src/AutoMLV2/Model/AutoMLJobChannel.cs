namespace AutoMLV2.Model;

/// <summary>
/// A channel is a named input source that training algorithms can consume.
/// (SageMaker shape <c>AutoMLJobChannel</c>.)
/// </summary>
public partial class AutoMLJobChannel
{
    /// <summary>
    /// The type of channel.
    /// </summary>
    /// <remarks>Known values: training, validation. Other values are kept as they come.</remarks>
    public string? ChannelType { get; set; }

    /// <summary>
    /// The content type of the data from the input source.
    /// </summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// The allowed compression types depend on the input format and problem type.
    /// </summary>
    /// <remarks>Known values: None, Gzip. Other values are kept as they come.</remarks>
    public string? CompressionType { get; set; }

    /// <summary>
    /// The data source for an AutoML channel (Required).
    /// </summary>
    public AutoMLDataSource? DataSource { get; set; }
}
