namespace AutoMLV2.Model;

/// <summary>
/// The data source for the Autopilot job.
/// (SageMaker shape <c>AutoMLDataSource</c>.)
/// </summary>
public partial class AutoMLDataSource
{
    /// <summary>
    /// The Amazon S3 location of the input data.
    /// </summary>
    public AutoMLS3DataSource? S3DataSource { get; set; }
}
