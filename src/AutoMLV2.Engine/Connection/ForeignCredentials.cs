namespace AutoMLV2.Engine.Connection;

using System;
using System.Reflection;
using Amazon.Runtime;

/// <summary>
/// Adapts an <c>AWSCredentials</c> created by another copy of AWSSDK.Core (AWS Tools for PowerShell
/// loads its own, 3.x or 4.x, into the default load context) to ours. Each call asks the original
/// object, so refreshing credentials (assume role, SSO) keep refreshing.
/// </summary>
internal sealed class ForeignCredentials : AWSCredentials
{
    private const string CredentialsTypeName = "Amazon.Runtime.AWSCredentials";
    private readonly object inner;
    private readonly MethodInfo getCredentials;

    private ForeignCredentials(object inner, MethodInfo getCredentials)
    {
        this.inner = inner;
        this.getCredentials = getCredentials;
    }

    /// <summary>The foreign object's type, for -Verbose.</summary>
    public string InnerTypeName => inner.GetType().FullName ?? inner.GetType().Name;

    /// <summary>True for an <c>Amazon.Runtime.AWSCredentials</c> from any AWSSDK.Core.</summary>
    public static bool IsAwsCredentials(object? value)
    {
        for (var type = value?.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == CredentialsTypeName)
            {
                return true;
            }
        }

        return false;
    }

    public static AWSCredentials Adapt(object value)
    {
        if (value is AWSCredentials ours)
        {
            return ours;
        }

        if (!IsAwsCredentials(value))
        {
            throw new ArgumentException($"A {value.GetType().FullName} is not an Amazon.Runtime.AWSCredentials object.");
        }

        var method = value.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null)
            ?? throw new ArgumentException($"{value.GetType().FullName} has no GetCredentials() method.");
        return new ForeignCredentials(value, method);
    }

    public override ImmutableCredentials GetCredentials()
    {
        object? immutable;
        try
        {
            immutable = getCredentials.Invoke(inner, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new AmazonClientException($"The credentials object ({InnerTypeName}) could not supply credentials: {e.InnerException.Message}", e.InnerException);
        }

        if (immutable is null)
        {
            throw new AmazonClientException($"The credentials object ({InnerTypeName}) supplied no credentials.");
        }

        var type = immutable.GetType();
        var accessKey = type.GetProperty("AccessKey")?.GetValue(immutable) as string;
        var secretKey = type.GetProperty("SecretKey")?.GetValue(immutable) as string;
        var token = type.GetProperty("Token")?.GetValue(immutable) as string;
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new AmazonClientException($"The credentials object ({InnerTypeName}) supplied an empty access key or secret key.");
        }

        return new ImmutableCredentials(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token);
    }
}
