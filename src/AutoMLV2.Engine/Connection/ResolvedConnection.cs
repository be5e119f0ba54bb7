namespace AutoMLV2.Engine.Connection;

using System;
using Amazon.Runtime;

/// <summary>Credentials, region and endpoint for one client, and where each came from (for -Verbose).</summary>
internal sealed class ResolvedConnection
{
    public ResolvedConnection(AWSCredentials credentials, string credentialSource, string credentialKey, string region, string regionSource, EndpointChoice endpoint, RetrySettings retry)
    {
        Retry = retry;
        Credentials = credentials;
        CredentialSource = credentialSource;
        CredentialKey = credentialKey;
        Region = region;
        RegionSource = regionSource;
        Endpoint = endpoint.Url;
        EndpointSource = endpoint.Source;
        CustomEndpoint = endpoint.Custom;
        UseFips = endpoint.UseFips;
        UseDualStack = endpoint.UseDualStack;
    }

    public AWSCredentials Credentials { get; }

    /// <summary>Where the credentials came from, with no secret in it.</summary>
    public string CredentialSource { get; }

    /// <summary>Identifies the credentials for the client cache; secrets only as a hash.</summary>
    public string CredentialKey { get; }

    public string Region { get; }

    public string RegionSource { get; }

    public Uri Endpoint { get; }

    public string EndpointSource { get; }

    /// <summary>The endpoint the user configured, if any (else the rules decide).</summary>
    public Uri? CustomEndpoint { get; }

    public bool UseFips { get; }

    public bool UseDualStack { get; }

    public RetrySettings Retry { get; }
}

/// <summary>How many attempts, and the SDK's retry mode (standard or adaptive), and where they came from.</summary>
internal sealed record RetrySettings(int MaxAttempts, RequestRetryMode Mode, string Source);

/// <summary>The endpoint, its inputs, and where it came from.</summary>
internal sealed record EndpointChoice(Uri Url, Uri? Custom, bool UseFips, bool UseDualStack, string Source);
