namespace AutoMLV2.Engine.Connection;

using System;
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
/// every resolution and handed to the SDK.
/// </summary>
internal sealed class SdkCredentialProfileSource : ICredentialProfileSource
{
    private static readonly PropertyInfo? SdkConfigFilePath = typeof(SharedCredentialsFile).GetProperty(nameof(SharedCredentialsFile.DefaultConfigFilePath), BindingFlags.Public | BindingFlags.Static);
    private static readonly object ConfigPathGate = new();

    private readonly CredentialProfileStoreChain chain;
    private readonly string? profileLocation;
    private readonly string credentialsPath;
    private readonly string configPath;

    public SdkCredentialProfileSource(string? profileLocation)
    {
        this.profileLocation = profileLocation;
        var fromEnvironment = NonEmpty(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));
        credentialsPath = profileLocation ?? fromEnvironment ?? DefaultPath("credentials");
        configPath = NonEmpty(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? DefaultPath("config");
        UseConfigFile(configPath);

        // Without a path the chain also reads the .NET SDK's encrypted store on Windows, where
        // AWS Tools' Set-AWSCredential -StoreAs keeps profiles; with one it reads only that file.
        var explicitPath = profileLocation ?? fromEnvironment;
        chain = explicitPath is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(explicitPath);
    }

    public string Location => profileLocation ?? credentialsPath;

    public string Version => Stamp(credentialsPath) + "|" + Stamp(configPath);

    public CredentialProfile? TryGetProfile(string name)
    {
        if (profileLocation is not null && !File.Exists(profileLocation))
        {
            throw new FileNotFoundException($"'{profileLocation}' does not exist.", profileLocation);
        }

        return chain.TryGetProfile(name, out var profile) ? profile : null;
    }

    public AWSCredentials GetCredentials(CredentialProfile profile) => profile.GetAWSCredentials(chain);

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
