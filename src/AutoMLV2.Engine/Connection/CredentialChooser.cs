namespace AutoMLV2.Engine.Connection;

using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AutoMLV2.Internal;
using static AutoMLV2.Engine.Connection.SettingText;

/// <summary>Credentials, where they came from (no secret in it), their cache key, and the profile that supplied them (if one did).</summary>
internal sealed record ChosenCredentials(AWSCredentials Credentials, string Source, string Key, CredentialProfile? Profile)
{
    /// <summary>The key of the last resort, the EC2 instance profile.</summary>
    public const string InstanceKey = "instance";

    public bool FromInstance => Key == InstanceKey;
}

/// <summary>
/// Chooses credentials in the order AWS Tools for PowerShell uses: -AccessKey/-SecretKey[/-SessionToken];
/// -ProfileName (missing = error, never a fall-through); -Credential; $StoredAWSCredentials;
/// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; AWS_PROFILE; the default profile; web identity, container
/// and instance credentials.
/// </summary>
internal sealed class CredentialChooser
{
    internal const string NoCredentialsMessage =
        "No AWS credentials were found. Pass -ProfileName, -Credential or -AccessKey/-SecretKey; or run Set-AWSCredential; or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; or add a 'default' profile to the shared credentials file (aws configure).";

    private static readonly ConditionalWeakTable<object, string> ObjectIds = new();
    private static int nextObjectId;

    private readonly Func<string, string?> environment;

    public CredentialChooser(Func<string, string?> environment)
    {
        this.environment = environment;
    }

    public ChosenCredentials Choose(ConnectionSettings settings, ICredentialProfileSource profileSource)
    {
        var accessKey = Blank(settings.AccessKey);
        var secretKey = Blank(settings.SecretKey);
        var token = Blank(settings.SessionToken);
        if (accessKey is not null || secretKey is not null)
        {
            if (accessKey is null || secretKey is null)
            {
                throw new AutoMLConfigurationException(AutoMLConfigurationError.IncompleteCredentialParameters, "-AccessKey and -SecretKey must be given together (with -SessionToken for temporary credentials).");
            }

            return FromKeys(accessKey, secretKey, token, "parameters -AccessKey/-SecretKey" + (token is null ? string.Empty : "/-SessionToken"), "keys");
        }

        if (token is not null)
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.IncompleteCredentialParameters, "-SessionToken needs -AccessKey and -SecretKey.");
        }

        if (Blank(settings.ProfileName) is string profileName)
        {
            var profile = ProfileLookup.Require(profileSource, profileName, settings.ProfileLocation);
            return FromProfile(profileSource, profile, $"profile '{profileName}'{Where(settings.ProfileLocation)}");
        }

        if (settings.Credential is not null)
        {
            return FromObject(settings.Credential, "parameter -Credential");
        }

        if (settings.StoredCredentials is not null)
        {
            if (settings.StoredCredentials is string storedProfile && Blank(storedProfile) is string storedName)
            {
                var profile = ProfileLookup.Require(profileSource, storedName, settings.ProfileLocation);
                return FromProfile(profileSource, profile, $"profile '{storedName}' named by $StoredAWSCredentials");
            }

            return FromObject(UnwrapStored(settings.StoredCredentials), "$StoredAWSCredentials");
        }

        var envAccessKey = Blank(environment("AWS_ACCESS_KEY_ID")) ?? Blank(environment("AWS_ACCESS_KEY"));
        var envSecretKey = Blank(environment("AWS_SECRET_ACCESS_KEY")) ?? Blank(environment("AWS_SECRET_KEY"));
        if (envAccessKey is not null && envSecretKey is not null)
        {
            var envToken = Blank(environment("AWS_SESSION_TOKEN"));
            return FromKeys(envAccessKey, envSecretKey, envToken, "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" + (envToken is null ? string.Empty : "/AWS_SESSION_TOKEN"), "env");
        }

        if (Blank(environment("AWS_PROFILE")) is string envProfile)
        {
            var profile = ProfileLookup.Require(profileSource, envProfile, settings.ProfileLocation, "AWS_PROFILE names it");
            return FromProfile(profileSource, profile, $"profile '{envProfile}' named by AWS_PROFILE");
        }

        if (ProfileLookup.Find(profileSource, ProfileLookup.DefaultProfileName) is { CanCreateAWSCredentials: true } defaultProfile)
        {
            return FromProfile(profileSource, defaultProfile, $"profile 'default'{Where(settings.ProfileLocation)}");
        }

        if (Blank(environment("AWS_WEB_IDENTITY_TOKEN_FILE")) is not null && Blank(environment("AWS_ROLE_ARN")) is not null)
        {
            return new ChosenCredentials(AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables(), "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)", "webidentity|" + environment("AWS_ROLE_ARN"), null);
        }

        if (Blank(environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) is not null || Blank(environment("AWS_CONTAINER_CREDENTIALS_FULL_URI")) is not null)
        {
            return new ChosenCredentials(new GenericContainerCredentials(), "container credentials (AWS_CONTAINER_CREDENTIALS_*)", "container", null);
        }

        if (!IsTrue(environment("AWS_EC2_METADATA_DISABLED")))
        {
            return new ChosenCredentials(new LazyCredentials(() => new InstanceProfileAWSCredentials()), "EC2 instance profile (instance metadata)", ChosenCredentials.InstanceKey, null);
        }

        throw new AutoMLConfigurationException(AutoMLConfigurationError.NoCredentials, NoCredentialsMessage);
    }

    /// <summary>Whether the chosen credentials carry a session token (or may: objects and stored credentials).</summary>
    public bool MayCarrySessionToken(ConnectionSettings settings)
        => Blank(settings.SessionToken) is not null || Blank(environment("AWS_SESSION_TOKEN")) is not null || settings.Credential is not null || settings.StoredCredentials is not null;

    private static ChosenCredentials FromKeys(string accessKey, string secretKey, string? token, string description, string keyPrefix)
    {
        AWSCredentials credentials = token is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
        return new ChosenCredentials(credentials, $"{description} (access key {MaskKey(accessKey)})", keyPrefix + "|" + accessKey + "|" + Hash(secretKey + "|" + token), null);
    }

    private static ChosenCredentials FromProfile(ICredentialProfileSource profileSource, CredentialProfile profile, string description)
    {
        AWSCredentials credentials;
        try
        {
            credentials = profileSource.GetCredentials(profile);
            MfaPrompt.Attach(credentials, profile.Name);
        }
        catch (Exception e) when (e is not AutoMLConfigurationException)
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.ProfileInvalid, $"The {description} cannot supply credentials: {e.Message}", e);
        }

        return new ChosenCredentials(credentials, $"{description} ({Kind(profile.Options)})", "profile|" + profile.Name + "|" + profileSource.Location + "|" + profileSource.Version, profile);
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

    private static ChosenCredentials FromObject(object value, string description)
    {
        AWSCredentials credentials;
        try
        {
            credentials = ForeignCredentials.Adapt(value);
        }
        catch (ArgumentException e)
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.InvalidCredentialObject, $"{description} is not usable: {e.Message} Pass an AWSCredentials object, for example from Get-AWSCredential.", e);
        }

        var typeName = credentials is ForeignCredentials foreign ? foreign.InnerTypeName + ", from another AWSSDK.Core" : credentials.GetType().FullName;
        var key = "object|" + ObjectIds.GetValue(value, _ => Interlocked.Increment(ref nextObjectId).ToString(CultureInfo.InvariantCulture));
        return new ChosenCredentials(credentials, $"{description} ({typeName})", key, null);
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
}
