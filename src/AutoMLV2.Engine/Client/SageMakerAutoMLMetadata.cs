namespace AutoMLV2.Engine.Client;

using System.Collections.Generic;
using Amazon.Runtime.Internal;

internal sealed class SageMakerAutoMLMetadata : IServiceMetadata
{
    public string ServiceId => SageMakerAutoMLConfig.ServiceIdValue;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
