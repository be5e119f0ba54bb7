namespace AutoMLV2.Model;

/// <summary>
/// This structure specifies how to split the data into train and validation datasets.
/// (SageMaker shape <c>AutoMLDataSplitConfig</c>.)
/// </summary>
public partial class AutoMLDataSplitConfig
{
    /// <summary>
    /// The validation fraction (optional) is a float that specifies the portion of the training
    /// dataset to be used for validation.
    /// </summary>
    public double? ValidationFraction { get; set; }
}
