namespace AutoMLV2.Engine;

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using AutoMLV2.Engine.Connection;

/// <summary>Maps SDK and transport failures to <see cref="AutoMLServiceException"/> with messages that say what to do.</summary>
internal static class ErrorMapper
{
    public static AutoMLServiceException Map(Exception error, string? jobName, ResolvedConnection connection)
    {
        if (error is AmazonServiceException service && service.StatusCode != 0 && !string.IsNullOrEmpty(service.ErrorCode))
        {
            return MapService(service, jobName, connection);
        }

        var inner = Innermost(error);
        if (error is OperationCanceledException or TimeoutException || inner is TimeoutException)
        {
            return new AutoMLServiceException(AutoMLErrorKind.Connection, $"The request to {connection.Endpoint} timed out. A slow network or endpoint can be given more time with $AutoMLV2RequestTimeoutSeconds.", innerException: error);
        }

        if (inner is HttpRequestException or IOException or SocketException or WebException || error is AmazonClientException)
        {
            return new AutoMLServiceException(AutoMLErrorKind.Connection, $"Could not get an answer from {connection.Endpoint}: {inner.Message}", innerException: error);
        }

        return new AutoMLServiceException(AutoMLErrorKind.ServiceError, $"The request to {connection.Endpoint} failed: {inner.Message}", innerException: error);
    }

    private static AutoMLServiceException MapService(AmazonServiceException e, string? jobName, ResolvedConnection connection)
    {
        var code = e.ErrorCode;
        var status = (int)e.StatusCode;
        var requestId = e.RequestId;
        var message = e.Message;
        var job = jobName is null ? "the jobs" : $"'{jobName}'";

        AutoMLServiceException Make(AutoMLErrorKind kind, string text) => new(kind, text, code, status, requestId, e);

        switch (code)
        {
            case "ResourceNotFound":
            case "ResourceNotFoundException":
                return Make(AutoMLErrorKind.NotFound, jobName is null ? message : $"AutoML job '{jobName}' was not found in {connection.Region}.");
            case "ValidationException" when jobName is not null && LooksNotFound(message):
                return Make(AutoMLErrorKind.NotFound, $"AutoML job '{jobName}' was not found in {connection.Region}: {message}");
            case "ValidationException":
                return Make(AutoMLErrorKind.InvalidArgument, message);
            case "AccessDenied":
            case "AccessDeniedException":
                return Make(AutoMLErrorKind.AccessDenied, $"Access denied to {job} ({message}). Check the IAM policy of {connection.CredentialSource}: it needs sagemaker:DescribeAutoMLJobV2 (and sagemaker:ListAutoMLJobs for wildcards).");
            case "ExpiredToken":
            case "ExpiredTokenException":
            case "RequestExpired" when status == 403:
                return Make(AutoMLErrorKind.Authentication, $"The session token has expired ({message}). Refresh the credentials: 'aws sso login' for SSO profiles, a new assume-role or session token otherwise. (Credentials from {connection.CredentialSource}.)");
            case "UnrecognizedClientException":
            case "InvalidClientTokenId":
                return Make(AutoMLErrorKind.Authentication, $"The access key is not recognized ({message}). Check the access key of {connection.CredentialSource} and that it belongs to this partition and is active.");
            case "SignatureDoesNotMatch":
            case "InvalidSignatureException":
            case "IncompleteSignature":
            case "MissingAuthenticationToken":
            case "MissingAuthenticationTokenException":
                return Make(AutoMLErrorKind.Authentication, $"The request signature was rejected ({message}). Check the secret key of {connection.CredentialSource}.");
            case "ThrottlingException":
            case "Throttling":
            case "TooManyRequestsException":
            case "RequestLimitExceeded":
            case "TooManyRequests":
                return Make(AutoMLErrorKind.Throttling, $"SageMaker kept throttling the request for {job} after the SDK's retries ({message}). Retry later, or raise AWS_MAX_ATTEMPTS.");
        }

        if (status >= 500)
        {
            return Make(AutoMLErrorKind.ServiceError, $"SageMaker answered HTTP {status} {code} for {job} after the SDK's retries: {message}");
        }

        if (status == 403)
        {
            return Make(AutoMLErrorKind.AccessDenied, $"Access denied to {job} (HTTP 403 {code}: {message}).");
        }

        return Make(AutoMLErrorKind.ServiceError, $"SageMaker answered HTTP {status} {code} for {job}: {message}");
    }

    private static bool LooksNotFound(string message)
        => message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("does not exist", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("could not find", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The exception that says what really went wrong, under the SDK's and HttpClient's wrappers.</summary>
    public static Exception Innermost(Exception error)
    {
        var current = error;
        while (current.InnerException is not null && current is AggregateException or AmazonClientException or HttpRequestException or OperationCanceledException)
        {
            current = current.InnerException;
        }

        return current;
    }
}
