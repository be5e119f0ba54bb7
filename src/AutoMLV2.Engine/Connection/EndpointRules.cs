namespace AutoMLV2.Engine.Connection;

using System;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

/// <summary>
/// The SageMaker endpoint rule set (botocore <c>sagemaker/endpoint-rule-set-1.json</c>), over the
/// SDK's own partition data, so every partition it knows (aws, aws-cn, aws-us-gov, the ISO
/// partitions, …) resolves as the AWS SDKs resolve it.
/// </summary>
internal static class EndpointRules
{
    public static Uri Resolve(string? region, bool useFips, bool useDualStack, Uri? customEndpoint)
    {
        if (customEndpoint is not null)
        {
            if (useFips)
            {
                throw new EndpointRuleException("Invalid Configuration: FIPS and custom endpoint are not supported.");
            }

            if (useDualStack)
            {
                throw new EndpointRuleException("Invalid Configuration: Dualstack and custom endpoint are not supported.");
            }

            return customEndpoint;
        }

        if (string.IsNullOrEmpty(region))
        {
            throw new EndpointRuleException("Invalid Configuration: Missing Region.");
        }

        var partition = Fn.Partition(region!)
            ?? throw new EndpointRuleException($"No AWS partition is known for region '{region}'.");
        var partitionName = (string)partition["name"];
        var dnsSuffix = (string)partition["dnsSuffix"];
        var dualStackDnsSuffix = (string)partition["dualStackDnsSuffix"];
        var supportsFips = (bool)partition["supportsFIPS"];
        var supportsDualStack = (bool)partition["supportsDualStack"];

        if (useFips && useDualStack)
        {
            if (!supportsFips || !supportsDualStack)
            {
                throw new EndpointRuleException("FIPS and DualStack are enabled, but this partition does not support one or both.");
            }

            return new Uri($"https://api.sagemaker-fips.{region}.{dualStackDnsSuffix}");
        }

        if (useFips)
        {
            if (!supportsFips)
            {
                throw new EndpointRuleException("FIPS is enabled but this partition does not support FIPS.");
            }

            return partitionName is "aws" or "aws-us-gov"
                ? new Uri($"https://api-fips.sagemaker.{region}.amazonaws.com")
                : new Uri($"https://api.sagemaker-fips.{region}.{dnsSuffix}");
        }

        if (useDualStack)
        {
            if (!supportsDualStack)
            {
                throw new EndpointRuleException("DualStack is enabled but this partition does not support DualStack.");
            }

            return new Uri($"https://api.sagemaker.{region}.{dualStackDnsSuffix}");
        }

        return new Uri($"https://api.sagemaker.{region}.{dnsSuffix}");
    }
}

internal sealed class EndpointRuleException : Exception
{
    public EndpointRuleException(string message)
        : base(message)
    {
    }
}
