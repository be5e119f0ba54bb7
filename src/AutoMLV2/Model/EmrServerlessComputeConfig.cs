namespace AutoMLV2.Model;

/// <summary>
/// This data type is intended for use exclusively by SageMaker Canvas and cannot be used in
/// other contexts at the moment.
/// (SageMaker shape <c>EmrServerlessComputeConfig</c>.)
/// </summary>
public partial class EmrServerlessComputeConfig
{
    /// <summary>
    /// The ARN of the IAM role granting the AutoML job V2 the necessary permissions access policies
    /// to list, connect to, or manage EMR Serverless jobs.
    /// </summary>
    public string? ExecutionRoleARN { get; set; }
}
