namespace AutoMLV2;

/// <summary>What kind of failure an <see cref="AutoMLServiceException"/> reports; decides the PowerShell error category.</summary>
public enum AutoMLErrorKind
{
    /// <summary>The service said something we could not classify.</summary>
    ServiceError,

    /// <summary>The job (or other resource) does not exist.</summary>
    NotFound,

    /// <summary>The caller is not allowed to do this (IAM policy).</summary>
    AccessDenied,

    /// <summary>The request was not authenticated: unknown key, bad signature, expired token.</summary>
    Authentication,

    /// <summary>The service throttled the request and the retries ran out.</summary>
    Throttling,

    /// <summary>The service rejected a request value.</summary>
    InvalidArgument,

    /// <summary>The endpoint could not be reached, the connection failed, or it timed out.</summary>
    Connection,

    /// <summary>The service answered with something that is not a valid response.</summary>
    InvalidResponse,
}
