namespace AutoMLV2.Engine.Connection;

using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AutoMLV2.Internal;

/// <summary>
/// Resolves credentials, region and endpoint in the order AWS Tools for PowerShell uses.
/// Credentials: -AccessKey/-SecretKey[/-SessionToken]; -ProfileName (missing = error, never a
/// fall-through); -Credential; $StoredAWSCredentials; environment variables; AWS_PROFILE; the
/// default profile; web identity, container and instance credentials.
/// Region: -Region; $StoredAWSRegion; AWS_REGION/AWS_DEFAULT_REGION; the profile's region; instance
/// metadata. Endpoint: -EndpointUrl; AWS_ENDPOINT_URL_SAGEMAKER; AWS_ENDPOINT_URL; the profile's
/// endpoint_url; else the SageMaker endpoint rules (with FIPS and dual-stack settings).
/// </summary>
internal sealed class ConnectionResolver
{
    internal const string DefaultProfileName = "default";

    internal const int DefaultMaxAttempts = 3;

    /// <summary>The credential key of the last resort, the EC2 instance profile.</summary>
    internal const string InstanceKey = "instance";

    internal const string NoCredentialsMessage =
        "No AWS credentials were found. Pass -ProfileName, -Credential or -AccessKey/-SecretKey; or run Set-AWSCredential; or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; or add a 'default' profile to the shared credentials file (aws configure).";

    private static readonly ConditionalWeakTable<object, string> ObjectIds = new();
    private static int nextObjectId;

    private readonly Func<string, string?> environment;
    private readonly Func<string?, ICredentialProfileSource> profiles;
    private readonly Func<CancellationToken, string?> instanceRegion;

    public ConnectionResolver(Func<string, string?> environment, Func<string?, ICredentialProfileSource> profiles, Func<CancellationToken, string?> instanceRegion)
    {
        this.environment = environment;
        this.profiles = profiles;
        this.instanceRegion = instanceRegion;
    }

    public ResolvedConnection Resolve(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken)
    {
        var profileSource = profiles(Blank(settings.ProfileLocation));
        var credentials = ResolveCredentials(settings, profileSource, out var credentialSource, out var credentialKey, out var credentialProfile);

        // The profile whose region, endpoint and FIPS settings apply: the one that supplied the
        // credentials, else AWS_PROFILE, else 'default' (when they exist).
        var configProfile = credentialProfile ?? TryProfile(profileSource, Blank(environment("AWS_PROFILE")) ?? DefaultProfileName);

        var region = ResolveRegion(settings, configProfile, cancellationToken, out var regionSource);
        var endpoint = ResolveEndpoint(settings, configProfile, region);
        var retry = ResolveRetry(configProfile);

        log.Verbose($"Credentials: {credentialSource}.");
        log.Verbose($"Region: {region} (from {regionSource}).");
        log.Verbose($"Endpoint: {endpoint.Url} (from {endpoint.Source}).");

        if (endpoint.Url.Scheme == Uri.UriSchemeHttp && !endpoint.Url.IsLoopback && HasSessionToken(settings))
        {
            log.Warning($"The endpoint {endpoint.Url} is plain http:// and not on this machine: the session token will travel unencrypted. Use https://.");
        }

        log.Debug($"Retries: {retry.MaxAttempts} attempts, {retry.Mode.ToString().ToLowerInvariant()} mode (from {retry.Source}).");
        return new ResolvedConnection(credentials, credentialSource, credentialKey, region, regionSource, endpoint, retry);
    }

    private AWSCredentials ResolveCredentials(ConnectionSettings settings, ICredentialProfileSource profileSource, out string source, out string key, out CredentialProfile? profile)
    {
        profile = null;

        var accessKey = Blank(settings.AccessKey);
        var secretKey = Blank(settings.SecretKey);
        if (accessKey is not null || secretKey is not null)
        {
            if (accessKey is null || secretKey is null)
            {
                throw new AutoMLConfigurationException("IncompleteCredentialParameters", "-AccessKey and -SecretKey must be given together (with -SessionToken for temporary credentials).");
            }

            var token = Blank(settings.SessionToken);
            source = $"parameters -AccessKey/-SecretKey{(token is null ? string.Empty : "/-SessionToken")} (access key {MaskKey(accessKey)})";
            key = "keys|" + accessKey + "|" + Hash(secretKey + "|" + token);
            return token is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
        }

        if (Blank(settings.SessionToken) is not null)
        {
            throw new AutoMLConfigurationException("IncompleteCredentialParameters", "-SessionToken needs -AccessKey and -SecretKey.");
        }

        var profileName = Blank(settings.ProfileName);
        if (profileName is not null)
        {
            profile = RequireProfile(profileSource, profileName, settings.ProfileLocation);
            return FromProfile(profileSource, profile, $"profile '{profileName}'{Where(settings.ProfileLocation)}", out source, out key);
        }

        if (settings.Credential is not null)
        {
            return FromObject(settings.Credential, "parameter -Credential", out source, out key);
        }

        if (settings.StoredCredentials is not null)
        {
            if (settings.StoredCredentials is string storedProfile && Blank(storedProfile) is string storedName)
            {
                profile = RequireProfile(profileSource, storedName, settings.ProfileLocation);
                return FromProfile(profileSource, profile, $"profile '{storedName}' named by $StoredAWSCredentials", out source, out key);
            }

            return FromObject(UnwrapStored(settings.StoredCredentials), "$StoredAWSCredentials", out source, out key);
        }

        var envAccessKey = Blank(environment("AWS_ACCESS_KEY_ID")) ?? Blank(environment("AWS_ACCESS_KEY"));
        var envSecretKey = Blank(environment("AWS_SECRET_ACCESS_KEY")) ?? Blank(environment("AWS_SECRET_KEY"));
        if (envAccessKey is not null && envSecretKey is not null)
        {
            var token = Blank(environment("AWS_SESSION_TOKEN"));
            source = $"environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY{(token is null ? string.Empty : "/AWS_SESSION_TOKEN")} (access key {MaskKey(envAccessKey)})";
            key = "env|" + envAccessKey + "|" + Hash(envSecretKey + "|" + token);
            return token is null ? new BasicAWSCredentials(envAccessKey, envSecretKey) : new SessionAWSCredentials(envAccessKey, envSecretKey, token);
        }

        var envProfile = Blank(environment("AWS_PROFILE"));
        if (envProfile is not null)
        {
            profile = RequireProfile(profileSource, envProfile, settings.ProfileLocation, "AWS_PROFILE names it");
            return FromProfile(profileSource, profile, $"profile '{envProfile}' named by AWS_PROFILE", out source, out key);
        }

        profile = TryProfile(profileSource, DefaultProfileName);
        if (profile is not null && profile.CanCreateAWSCredentials)
        {
            return FromProfile(profileSource, profile, $"profile 'default'{Where(settings.ProfileLocation)}", out source, out key);
        }

        profile = null;
        if (Blank(environment("AWS_WEB_IDENTITY_TOKEN_FILE")) is not null && Blank(environment("AWS_ROLE_ARN")) is not null)
        {
            source = "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)";
            key = "webidentity|" + environment("AWS_ROLE_ARN");
            return AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables();
        }

        if (Blank(environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) is not null || Blank(environment("AWS_CONTAINER_CREDENTIALS_FULL_URI")) is not null)
        {
            source = "container credentials (AWS_CONTAINER_CREDENTIALS_*)";
            key = "container";
            return new GenericContainerCredentials();
        }

        if (!IsTrue(environment("AWS_EC2_METADATA_DISABLED")))
        {
            source = "EC2 instance profile (instance metadata)";
            key = InstanceKey;
            return new LazyCredentials(() => new InstanceProfileAWSCredentials());
        }

        throw new AutoMLConfigurationException("NoCredentials", NoCredentialsMessage);
    }

    private string ResolveRegion(ConnectionSettings settings, CredentialProfile? profile, CancellationToken cancellationToken, out string source)
    {
        if (Blank(settings.Region) is string parameter)
        {
            source = "parameter -Region";
            return RequireRegion(parameter, source);
        }

        if (Blank(settings.StoredRegion) is string stored)
        {
            source = "$StoredAWSRegion";
            return RequireRegion(stored, source);
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Blank(environment(variable)) is string fromEnvironment)
            {
                source = "environment variable " + variable;
                return RequireRegion(fromEnvironment, source);
            }
        }

        if (profile?.Region?.SystemName is string fromProfile && fromProfile.Length > 0)
        {
            source = $"profile '{profile.Name}'";
            return RequireRegion(fromProfile, source);
        }

        if (!IsTrue(environment("AWS_EC2_METADATA_DISABLED")) && instanceRegion(cancellationToken) is string fromInstance)
        {
            source = "EC2 instance metadata";
            return RequireRegion(fromInstance, source);
        }

        throw new AutoMLConfigurationException(
            "NoRegion",
            "No AWS region is set. Pass -Region (for example -Region us-east-1), run Set-DefaultAWSRegion, set AWS_REGION, or add 'region' to your profile.");
    }

    private EndpointChoice ResolveEndpoint(ConnectionSettings settings, CredentialProfile? profile, string region)
    {
        Uri? custom = null;
        var source = "SageMaker endpoint rules";
        if (Blank(settings.EndpointUrl) is string parameter)
        {
            custom = RequireEndpoint(parameter, "-EndpointUrl");
            source = "parameter -EndpointUrl";
        }
        else if (!IsTrue(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) && profile?.IgnoreConfiguredEndpointUrls != true)
        {
            foreach (var variable in new[] { "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_ENDPOINT_URL" })
            {
                if (Blank(environment(variable)) is string fromEnvironment)
                {
                    custom = RequireEndpoint(fromEnvironment, variable);
                    source = "environment variable " + variable;
                    break;
                }
            }

            if (custom is null && Blank(profile?.EndpointUrl) is string fromProfile)
            {
                custom = RequireEndpoint(fromProfile, $"endpoint_url of profile '{profile!.Name}'");
                source = $"endpoint_url of profile '{profile.Name}'";
            }
        }

        var useFips = Flag("AWS_USE_FIPS_ENDPOINT", profile?.UseFIPSEndpoint);
        var useDualStack = Flag("AWS_USE_DUALSTACK_ENDPOINT", profile?.UseDualstackEndpoint);
        try
        {
            var endpoint = EndpointRules.Resolve(region, useFips, useDualStack, custom);
            if (custom is null && (useFips || useDualStack))
            {
                source += (useFips ? ", FIPS" : string.Empty) + (useDualStack ? ", dual-stack" : string.Empty);
            }

            return new EndpointChoice(endpoint, custom, useFips, useDualStack, source);
        }
        catch (EndpointRuleException e)
        {
            throw new AutoMLConfigurationException("InvalidEndpointConfiguration", e.Message + (custom is null ? string.Empty : $" (endpoint from {source}; unset AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT to use it)"), e);
        }
    }

    /// <summary>
    /// AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, else the profile's max_attempts / retry_mode, else 3
    /// attempts in standard mode. Read on every call: AWSSDK.Core reads them once per process,
    /// and a PowerShell session outlives many changes.
    /// </summary>
    private RetrySettings ResolveRetry(CredentialProfile? profile)
    {
        var attempts = DefaultMaxAttempts;
        var mode = RequestRetryMode.Standard;
        var sources = new System.Collections.Generic.List<string>();

        if (Blank(environment("AWS_MAX_ATTEMPTS")) is string attemptsText)
        {
            if (!int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts < 1 || attempts > 100)
            {
                throw new AutoMLConfigurationException("InvalidRetrySettings", $"AWS_MAX_ATTEMPTS is '{attemptsText}'; it must be a whole number of attempts from 1 to 100.");
            }

            sources.Add("AWS_MAX_ATTEMPTS");
        }
        else if (profile?.MaxAttempts is int fromProfile && fromProfile >= 1)
        {
            attempts = fromProfile;
            sources.Add($"max_attempts of profile '{profile.Name}'");
        }

        if (Blank(environment("AWS_RETRY_MODE")) is string modeText)
        {
            if (string.Equals(modeText, "legacy", StringComparison.OrdinalIgnoreCase))
            {
                mode = RequestRetryMode.Standard;
            }
            else if (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(typeof(RequestRetryMode), mode))
            {
                throw new AutoMLConfigurationException("InvalidRetrySettings", $"AWS_RETRY_MODE is '{modeText}'; it must be standard or adaptive.");
            }

            sources.Add("AWS_RETRY_MODE");
        }
        else if (profile?.RetryMode is RequestRetryMode fromProfile)
        {
            mode = fromProfile;
            sources.Add($"retry_mode of profile '{profile.Name}'");
        }

        return new RetrySettings(attempts, mode, sources.Count == 0 ? "defaults" : string.Join(", ", sources));
    }

    private bool Flag(string variable, bool? fromProfile)
    {
        var value = Blank(environment(variable));
        return value is not null ? IsTrue(value) : fromProfile == true;
    }

    private AWSCredentials FromProfile(ICredentialProfileSource profileSource, CredentialProfile profile, string description, out string source, out string key)
    {
        AWSCredentials credentials;
        try
        {
            credentials = profileSource.GetCredentials(profile);
        }
        catch (Exception e) when (e is not AutoMLConfigurationException)
        {
            throw new AutoMLConfigurationException("ProfileInvalid", $"The {description} cannot supply credentials: {e.Message}", e);
        }

        source = $"{description} ({Kind(profile.Options)})";
        key = "profile|" + profile.Name + "|" + profileSource.Location + "|" + profileSource.Version;
        return credentials;
    }

    private static string Kind(CredentialProfileOptions options)
    {
        if (!string.IsNullOrEmpty(options.RoleArn))
        {
            return string.IsNullOrEmpty(options.WebIdentityTokenFile) ? "assume role " + options.RoleArn : "web identity " + options.RoleArn;
        }

        if (!string.IsNullOrEmpty(options.SsoStartUrl) || !string.IsNullOrEmpty(options.SsoSession))
        {
            return "SSO";
        }

        if (!string.IsNullOrEmpty(options.CredentialProcess))
        {
            return "credential_process";
        }

        return string.IsNullOrEmpty(options.AccessKey) ? "credentials" : "access key " + MaskKey(options.AccessKey);
    }

    private static AWSCredentials FromObject(object value, string description, out string source, out string key)
    {
        AWSCredentials credentials;
        try
        {
            credentials = ForeignCredentials.Adapt(value);
        }
        catch (ArgumentException e)
        {
            throw new AutoMLConfigurationException("InvalidCredentialObject", $"{description} is not usable: {e.Message} Pass an AWSCredentials object, for example from Get-AWSCredential.", e);
        }

        var typeName = credentials is ForeignCredentials foreign ? foreign.InnerTypeName + ", from another AWSSDK.Core" : credentials.GetType().FullName;
        source = $"{description} ({typeName})";
        key = "object|" + ObjectIds.GetValue(value, _ => Interlocked.Increment(ref nextObjectId).ToString(CultureInfo.InvariantCulture));
        return credentials;
    }

    /// <summary>
    /// AWS Tools keeps an <c>AWSPSCredentials</c> in $StoredAWSCredentials, whose (internal)
    /// <c>Credentials</c> property holds the AWSCredentials.
    /// </summary>
    private static object UnwrapStored(object stored)
    {
        if (ForeignCredentials.IsAwsCredentials(stored))
        {
            return stored;
        }

        var property = stored.GetType().GetProperty("Credentials", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic);
        return property?.GetValue(stored) ?? stored;
    }

    private static CredentialProfile RequireProfile(ICredentialProfileSource profileSource, string name, string? location, string? why = null)
    {
        return TryProfile(profileSource, name, location) ?? throw new AutoMLConfigurationException(
            "ProfileNotFound",
            $"The profile '{name}' was not found{(why is null ? string.Empty : " (" + why + ")")} in {(Blank(location) is null ? "the shared credentials and config files (~/.aws/credentials, ~/.aws/config)" : "'" + location + "'")}. List profiles with 'aws configure list-profiles' or Get-AWSCredential -ListProfileDetail.");
    }

    private static CredentialProfile? TryProfile(ICredentialProfileSource profileSource, string name, string? location = null)
    {
        try
        {
            return profileSource.TryGetProfile(name);
        }
        catch (Exception e) when (e is not AutoMLConfigurationException)
        {
            throw new AutoMLConfigurationException("CredentialsFileInvalid", $"The shared credentials or config file{Where(location)} cannot be read: {e.Message}", e);
        }
    }

    private static string RequireRegion(string value, string source)
    {
        var region = value.Trim();
        if (!Validation.IsRegionName(region))
        {
            throw new AutoMLConfigurationException("InvalidRegion", $"'{value}' (from {source}) is not an AWS region name such as us-east-1 or eu-west-2.");
        }

        return region;
    }

    internal static Uri RequireEndpoint(string value, string source)
    {
        if (Validation.EndpointUrlProblem(value) is string problem)
        {
            throw new AutoMLConfigurationException("InvalidEndpointUrl", $"{problem} (from {source})");
        }

        return new Uri(value.Trim(), UriKind.Absolute);
    }

    private bool HasSessionToken(ConnectionSettings settings)
        => Blank(settings.SessionToken) is not null || Blank(environment("AWS_SESSION_TOKEN")) is not null || settings.Credential is not null || settings.StoredCredentials is not null;

    internal static string MaskKey(string accessKey)
        => accessKey.Length <= 4 ? "****" : new string('*', Math.Min(16, accessKey.Length - 4)) + accessKey.Substring(accessKey.Length - 4);

    private static string Where(string? location) => Blank(location) is null ? string.Empty : $" in '{location}'";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string Hash(string value)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(value)));
    }
}
