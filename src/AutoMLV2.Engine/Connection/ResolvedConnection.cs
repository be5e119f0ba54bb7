namespace AutoMLV2.Engine.Connection;

using System;
using Amazon.Runtime;

/// <summary>
/// What one client is made of: the chosen credentials, region, endpoint and retry settings, and the
/// per-attempt timeout. Its <see cref="Key"/> is the one place the client cache's key is made.
/// </summary>
internal sealed record ResolvedConnection(ChosenCredentials Chosen, ChosenRegion ChosenRegion, EndpointChoice EndpointChoice, RetrySettings Retry, TimeSpan RequestTimeout)
{
    public AWSCredentials Credentials => Chosen.Credentials;

    /// <summary>Where the credentials came from, with no secret in it.</summary>
    public string CredentialSource => Chosen.Source;

    public string Region => ChosenRegion.Name;

    public Uri Endpoint => EndpointChoice.Url;

    /// <summary>Two settings that resolve to the same key share one client (its connections and cached credentials).</summary>
    public ClientKey Key => new(Chosen.Key, Region, Endpoint, RequestTimeout, Retry.MaxAttempts, Retry.Mode);
}

/// <summary>Identifies a client: credentials (secrets only as a hash), region, endpoint, timeout and retry settings.</summary>
internal readonly record struct ClientKey(string Credentials, string Region, Uri Endpoint, TimeSpan RequestTimeout, int MaxAttempts, RequestRetryMode RetryMode);
