namespace AutoMLV2.Model;

using System.Collections.Generic;

/// <summary>
/// A list of container definitions that describe the different containers that make up an
/// AutoML candidate.
/// (SageMaker shape <c>AutoMLContainerDefinition</c>.)
/// </summary>
public partial class AutoMLContainerDefinition
{
    /// <summary>
    /// The Amazon Elastic Container Registry (Amazon ECR) path of the container.
    /// </summary>
    public string? Image { get; set; }

    /// <summary>
    /// The location of the model artifacts.
    /// </summary>
    public string? ModelDataUrl { get; set; }

    /// <summary>
    /// The environment variables to set in the container.
    /// </summary>
    public Dictionary<string, string>? Environment { get; set; }
}
