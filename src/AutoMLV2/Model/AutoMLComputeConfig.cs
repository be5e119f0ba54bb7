namespace AutoMLV2.Model;

/// <summary>
/// This data type is intended for use exclusively by SageMaker Canvas and cannot be used in
/// other contexts at the moment.
/// (SageMaker shape <c>AutoMLComputeConfig</c>.)
/// </summary>
public partial class AutoMLComputeConfig
{
    /// <summary>
    /// The configuration for using EMR Serverless to run the AutoML job V2.
    /// </summary>
    public EmrServerlessComputeConfig? EmrServerlessComputeConfig { get; set; }
}
