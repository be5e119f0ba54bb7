namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Generic;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

/// <summary>Profiles held in memory, as if read from ~/.aws/credentials and ~/.aws/config.</summary>
internal sealed class FakeProfileSource : AutoMLV2.Engine.Connection.ICredentialProfileSource
{
    private readonly Dictionary<string, CredentialProfile> profiles = new(StringComparer.Ordinal);

    public string Location { get; init; } = "(fake)";

    public string Version => "1";

    public List<string> Lookups { get; } = new();

    public Exception? ReadFailure { get; set; }

    /// <summary>Profiles whose credentials cannot be obtained (an expired SSO session, say).</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public FakeProfileSource Add(string name, string? accessKey = "AKIAPROFILE0000", string? secretKey = null, string? region = null, string? endpointUrl = null, bool? fips = null, bool? dualStack = null, bool? ignoreEndpointUrls = null, string? sessionToken = null)
    {
        var options = new CredentialProfileOptions();
        if (accessKey is not null)
        {
            options.AccessKey = accessKey;
            options.SecretKey = secretKey ?? "profile-secret-" + name;
            options.Token = sessionToken;
        }

        var profile = new CredentialProfile(name, options)
        {
            Region = region is null ? null : RegionEndpoint.GetBySystemName(region),
            EndpointUrl = endpointUrl,
            UseFIPSEndpoint = fips,
            UseDualstackEndpoint = dualStack,
            IgnoreConfiguredEndpointUrls = ignoreEndpointUrls,
        };
        profiles[name] = profile;
        return this;
    }

    public CredentialProfile? TryGetProfile(string name)
    {
        Lookups.Add(name);
        if (ReadFailure is not null)
        {
            throw ReadFailure;
        }

        return profiles.TryGetValue(name, out var profile) ? profile : null;
    }

    public AWSCredentials GetCredentials(CredentialProfile profile)
    {
        if (Failing.Contains(profile.Name))
        {
            throw new InvalidOperationException("The SSO session associated with this profile has expired or is otherwise invalid.");
        }

        var options = profile.Options;
        return string.IsNullOrEmpty(options.Token)
            ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
            : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.Token);
    }
}
