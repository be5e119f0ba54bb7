namespace AutoMLV2.Commands;

using System;
using System.Management.Automation;
using System.Reflection;
using AutoMLV2.Internal;

/// <summary>
/// Accepts a region as a string or as an object that names one, as AWS Tools does: its
/// <c>AWSRegion</c> objects (property <c>Region</c>) and AWSSDK's <c>RegionEndpoint</c> (<c>SystemName</c>).
/// </summary>
internal sealed class RegionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => RegionName(inputData);

    /// <summary>The region named by <paramref name="value"/>: a string as it is, else its SystemName or Region property.</summary>
    internal static string? RegionName(object? value)
    {
        value = AutoMLCmdletBase.Unwrap(value);
        if (value is null or string)
        {
            return (string?)value;
        }

        foreach (var name in new[] { "SystemName", "Region" })
        {
            if (value.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(value) is string region)
            {
                return region;
            }
        }

        return value.ToString();
    }
}

/// <summary>Rejects a -Region that is not a region name, before anything is sent.</summary>
internal sealed class ValidateRegionNameAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments as string;
        if (!Validation.IsRegionName(value))
        {
            throw new ValidationMetadataException($"'{value}' is not an AWS region name such as us-east-1 or eu-west-2.");
        }
    }
}

/// <summary>Rejects an -EndpointUrl that is not an absolute http(s) URL, before anything is sent.</summary>
internal sealed class ValidateEndpointUrlAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (Validation.EndpointUrlProblem(arguments as string) is string problem)
        {
            throw new ValidationMetadataException(problem);
        }
    }
}

/// <summary>
/// Accepts an <c>Amazon.Runtime.AWSCredentials</c> from any AWSSDK.Core (AWS Tools for PowerShell's
/// <c>Get-AWSCredential</c>, <c>New-AWSCredential</c>, or its $StoredAWSCredentials wrapper).
/// </summary>
internal sealed class ValidateAwsCredentialAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = AutoMLCmdletBase.Unwrap(arguments);
        for (var type = value?.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName is "Amazon.Runtime.AWSCredentials" or "Amazon.PowerShell.Common.AWSPSCredentials")
            {
                return;
            }
        }

        throw new ValidationMetadataException(
            $"A {value?.GetType().FullName ?? "null"} is not AWS credentials. Pass an Amazon.Runtime.AWSCredentials object, for example from Get-AWSCredential or New-AWSCredential, or use -ProfileName or -AccessKey/-SecretKey.");
    }
}
