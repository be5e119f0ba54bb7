namespace AutoMLV2.Engine.Connection;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
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

/// <summary>
/// AWSSDK.Core reads AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE once per process, but a
/// PowerShell session lives long and users change them in it: the paths are worked out here on
/// every resolution and handed to the SDK. Parsing the files is the costly part of resolving a
/// connection, so a source (and the profiles it found) is kept while the files stay the same.
/// </summary>
internal sealed class SdkCredentialProfileSource : ICredentialProfileSource
{
    private static readonly PropertyInfo? SdkConfigFilePath = typeof(SharedCredentialsFile).GetProperty(nameof(SharedCredentialsFile.DefaultConfigFilePath), BindingFlags.Public | BindingFlags.Static);
    private static readonly object ConfigPathGate = new();
    private static readonly ConcurrentDictionary<string, SdkCredentialProfileSource> Cache = new(StringComparer.Ordinal);

    private readonly CredentialProfileStoreChain chain;
    private readonly Dictionary<string, CredentialProfile?> profiles = new(StringComparer.Ordinal);
    private readonly string? profileLocation;
    private readonly string credentialsPath;
    private readonly string configPath;

    private SdkCredentialProfileSource(string? profileLocation, string? credentialsFromEnvironment, string credentialsPath, string configPath, string version)
    {
        this.profileLocation = profileLocation;
        this.credentialsPath = credentialsPath;
        this.configPath = configPath;
        Version = version;

        // Without a path the chain also reads the .NET SDK's encrypted store on Windows, where
        // AWS Tools' Set-AWSCredential -StoreAs keeps profiles; with one it reads only that file.
        var explicitPath = profileLocation ?? credentialsFromEnvironment;
        chain = explicitPath is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(explicitPath);
    }

    public string Location => profileLocation ?? credentialsPath;

    /// <summary>The files' state when they were read (path, size and time of each).</summary>
    public string Version { get; }

    /// <summary>The source for these paths, read again only when a file changed.</summary>
    public static SdkCredentialProfileSource For(string? profileLocation)
    {
        var fromEnvironment = NonEmpty(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));
        var credentialsPath = profileLocation ?? fromEnvironment ?? DefaultPath("credentials");
        var configPath = NonEmpty(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? DefaultPath("config");
        UseConfigFile(configPath);

        var key = (profileLocation ?? "-") + "\n" + (fromEnvironment ?? "-") + "\n" + credentialsPath + "\n" + configPath;
        var version = Stamp(credentialsPath) + "|" + Stamp(configPath) + "|" + Stamp(SdkStorePath());
        if (Cache.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var source = new SdkCredentialProfileSource(profileLocation, fromEnvironment, credentialsPath, configPath, version);
        Cache[key] = source;
        return source;
    }

    public CredentialProfile? TryGetProfile(string name)
    {
        if (profileLocation is not null && !File.Exists(profileLocation))
        {
            throw new FileNotFoundException($"'{profileLocation}' does not exist.", profileLocation);
        }

        // The SDK's profile store is not meant for concurrent use; runspaces share this source.
        lock (profiles)
        {
            if (!profiles.TryGetValue(name, out var profile))
            {
                profile = chain.TryGetProfile(name, out var found) ? found : null;
                profiles[name] = profile;
            }

            return profile;
        }
    }

    public AWSCredentials GetCredentials(CredentialProfile profile)
    {
        lock (profiles)
        {
            return profile.GetAWSCredentials(chain);
        }
    }

    /// <summary>
    /// The SDK keeps the config file's path in a static property, set once from AWS_CONFIG_FILE;
    /// point it at the current one (ours is a private copy of AWSSDK.Core, nobody else reads it).
    /// </summary>
    private static void UseConfigFile(string path)
    {
        lock (ConfigPathGate)
        {
            if (SdkConfigFilePath?.SetMethod is not null && !string.Equals(SharedCredentialsFile.DefaultConfigFilePath, path, StringComparison.Ordinal))
            {
                SdkConfigFilePath.SetValue(null, path);
            }
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The .NET SDK's encrypted profile store (Windows), where AWS Tools can keep profiles too.</summary>
    private static string SdkStorePath()
        => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AWSToolkit", "RegisteredAccounts.json");

    private static string DefaultPath(string file)
        => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", file);

    private static string Stamp(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists ? file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "/" + file.Length.ToString(CultureInfo.InvariantCulture) : "-";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "?";
        }
    }
}
