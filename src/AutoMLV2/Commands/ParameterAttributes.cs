namespace AutoMLV2.Commands;

using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using AutoMLV2.Internal;

/// <summary>
/// Accepts a region as a string or as an object that names one, as AWS Tools does: its
/// <c>AWSRegion</c> objects (property <c>Region</c>) and AWSSDK's <c>RegionEndpoint</c> (<c>SystemName</c>).
/// </summary>
internal sealed class RegionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = AutoMLCmdletBase.Unwrap(inputData);
        return value is IEnumerable and not string ? RegionNames(value) : RegionName(value);
    }

    /// <summary>The regions named by one value or a list of them (null and blank values are left out).</summary>
    internal static string[] RegionNames(object? value)
    {
        value = AutoMLCmdletBase.Unwrap(value);
        var names = value is IEnumerable list and not string ? list.Cast<object?>().Select(RegionName) : new[] { RegionName(value) };
        return names.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name!).ToArray();
    }

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

/// <summary>
/// Rejects a -Region value that is not a region name, before anything is sent. A null value is "not
/// given": an object from the pipeline without a region (bound by property name) must not fail binding.
/// </summary>
internal sealed class ValidateRegionNameAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        foreach (var item in arguments is IEnumerable list and not string ? list.Cast<object?>() : new[] { arguments })
        {
            var value = AutoMLCmdletBase.Unwrap(item) as string;
            if (value is not null && !Validation.IsRegionName(value))
            {
                throw new ValidationMetadataException($"'{value}' is not an AWS region name such as us-east-1 or eu-west-2.");
            }
        }
    }
}

/// <summary>
/// Rejects an empty or blank string, before anything is sent; null is "not given" (an object from the
/// pipeline without the property, bound by property name, must not fail binding).
/// </summary>
internal sealed class ValidateNoBlankAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        foreach (var item in arguments is IEnumerable list and not string ? list.Cast<object?>() : new[] { arguments })
        {
            if (AutoMLCmdletBase.Unwrap(item) is string value && value.Trim().Length == 0)
            {
                throw new ValidationMetadataException("The value is empty.");
            }
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
