namespace AutoMLV2;

/// <summary>
/// Why nothing can be sent: the id of an <see cref="AutoMLConfigurationException"/>, which is also
/// its PowerShell error id. <c>ErrorCatalog</c> gives each its category.
/// </summary>
public enum AutoMLConfigurationError
{
    /// <summary>No region from any source.</summary>
    NoRegion,

    /// <summary>A region from some source is not a region name.</summary>
    InvalidRegion,

    /// <summary>No credentials from any source.</summary>
    NoCredentials,

    /// <summary>The credentials' source (assume role, SSO, instance, container, another SDK) failed to supply them.</summary>
    CredentialsUnavailable,

    /// <summary>-AccessKey, -SecretKey and -SessionToken given in a combination that cannot work.</summary>
    IncompleteCredentialParameters,

    /// <summary>-Credential or $StoredAWSCredentials is not usable as AWS credentials.</summary>
    InvalidCredentialObject,

    /// <summary>A named profile does not exist.</summary>
    ProfileNotFound,

    /// <summary>A profile exists but cannot supply credentials.</summary>
    ProfileInvalid,

    /// <summary>The shared credentials or config file cannot be read.</summary>
    CredentialsFileInvalid,

    /// <summary>An endpoint URL from some source is not an http(s) URL.</summary>
    InvalidEndpointUrl,

    /// <summary>The endpoint rules reject the combination (FIPS or dual-stack with a custom endpoint, say).</summary>
    InvalidEndpointConfiguration,

    /// <summary>AWS_MAX_ATTEMPTS or AWS_RETRY_MODE, or a profile's max_attempts, has a value the SDK cannot use.</summary>
    InvalidRetrySettings,

    /// <summary>$AutoMLV2RequestTimeoutSeconds is not a number of seconds from 1 to 3600.</summary>
    InvalidRequestTimeout,
}
