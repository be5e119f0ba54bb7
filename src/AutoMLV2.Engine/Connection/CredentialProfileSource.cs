namespace AutoMLV2.Engine.Connection;

using System;
using System.Globalization;
using System.IO;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

/// <summary>The shared credentials and config files, as AWSSDK.Core reads them.</summary>
internal interface ICredentialProfileSource
{
    /// <summary>Where profiles come from, for messages and the client cache key.</summary>
    string Location { get; }

    /// <summary>Changes when the files change, so that a cached client does not outlive an edit.</summary>
    string Version { get; }

    CredentialProfile? TryGetProfile(string name);

    AWSCredentials GetCredentials(CredentialProfile profile);
}

internal sealed class SdkCredentialProfileSource : ICredentialProfileSource
{
    private readonly CredentialProfileStoreChain chain;
    private readonly string? profileLocation;

    public SdkCredentialProfileSource(string? profileLocation)
    {
        this.profileLocation = profileLocation;
        chain = profileLocation is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(profileLocation);
    }

    public string Location => profileLocation ?? "(default)";

    public string Version
    {
        get
        {
            var credentials = profileLocation ?? Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? DefaultPath("credentials");
            var config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? DefaultPath("config");
            return Stamp(credentials) + "|" + Stamp(config);
        }
    }

    public CredentialProfile? TryGetProfile(string name)
    {
        if (profileLocation is not null && !File.Exists(profileLocation))
        {
            throw new FileNotFoundException($"'{profileLocation}' does not exist.", profileLocation);
        }

        return chain.TryGetProfile(name, out var profile) ? profile : null;
    }

    public AWSCredentials GetCredentials(CredentialProfile profile) => profile.GetAWSCredentials(chain);

    private static string DefaultPath(string file)
        => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", file);

    private static string Stamp(string path)
    {
        try
        {
            return File.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture) : "-";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
