namespace AutoMLV2;

using System;

/// <summary>
/// A SageMaker call failed. Carries the service's error code, HTTP status and request id, and the
/// <see cref="Kind"/> that maps it to a PowerShell error category.
/// </summary>
public class AutoMLServiceException : Exception
{
    public AutoMLServiceException(AutoMLErrorKind kind, string message, string? errorCode = null, int? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The classification of the failure.</summary>
    public AutoMLErrorKind Kind { get; }

    /// <summary>The service's error code, for example <c>ResourceNotFound</c> or <c>ThrottlingException</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status code, when the service answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the failed request, for AWS Support.</summary>
    public string? RequestId { get; }
}
