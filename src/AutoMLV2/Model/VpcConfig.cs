namespace AutoMLV2.Model;

/// <summary>
/// Specifies an Amazon Virtual Private Cloud (VPC) that your SageMaker jobs, hosted models, and
/// compute resources have access to.
/// (SageMaker shape <c>VpcConfig</c>.)
/// </summary>
public partial class VpcConfig
{
    /// <summary>
    /// The VPC security group IDs, in the form sg-xxxxxxxx.
    /// </summary>
    public string[]? SecurityGroupIds { get; set; }

    /// <summary>
    /// The ID of the subnets in the VPC to which you want to connect your training job or model.
    /// </summary>
    public string[]? Subnets { get; set; }
}
