namespace AutoMLV2.Engine;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;

/// <summary>Maps SDK and transport failures to <see cref="AutoMLServiceException"/> with messages that say what to do.</summary>
internal static class ErrorMapper
{
    /// <summary>
    /// <paramref name="error"/> of a call of <paramref name="operation"/> (a <see cref="Client.SageMakerOperation"/>
    /// name, which an access-denied message names as the permission needed) about <paramref name="jobName"/>
    /// (null for a listing of jobs).
    /// </summary>
    public static AutoMLServiceException Map(Exception error, string operation, string? jobName, ResolvedConnection connection)
    {
        // The SDK wraps what went wrong while reading a response ("Error unmarshalling response"):
        // what matters is inside.
        var chain = Chain(error).ToList();
        if (chain.OfType<AutoMLResponseParseException>().FirstOrDefault() is { } parse)
        {
            return parse;
        }

        if (error is AmazonServiceException service && service.StatusCode != 0 && !string.IsNullOrEmpty(service.ErrorCode))
        {
            return MapService(service, operation, jobName, connection);
        }

        if (chain.Any(e => e is TimeoutException) || (error is OperationCanceledException && !chain.Any(e => e is IOException or SocketException)))
        {
            return new AutoMLServiceException(AutoMLErrorKind.Connection, $"The request to {connection.Endpoint} timed out. A slow network or endpoint can be given more time with $AutoMLV2RequestTimeoutSeconds (seconds per attempt, default {ConnectionSettings.DefaultRequestTimeout.TotalSeconds:0}).", innerException: error);
        }

        var transport = chain.LastOrDefault(e => e is IOException or SocketException or HttpRequestException or WebException);
        if (transport is not null)
        {
            return new AutoMLServiceException(AutoMLErrorKind.Connection, $"The connection to {connection.Endpoint} failed: {transport.Message}", innerException: error);
        }

        if (error is AmazonUnmarshallingException)
        {
            return new AutoMLServiceException(AutoMLErrorKind.InvalidResponse, $"The response from {connection.Endpoint} could not be read: {chain.Last().Message}", "InvalidResponse", innerException: error);
        }

        var inner = Innermost(error);
        if (error is AmazonClientException)
        {
            return new AutoMLServiceException(AutoMLErrorKind.Connection, $"Could not get an answer from {connection.Endpoint}: {inner.Message}", innerException: error);
        }

        return new AutoMLServiceException(AutoMLErrorKind.ServiceError, $"The request to {connection.Endpoint} failed: {inner.Message}", innerException: error);
    }

    /// <summary>The exception and everything inside it, outermost first.</summary>
    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 1)
            {
                foreach (var nested in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return nested;
                }

                yield break;
            }
        }
    }

    private static AutoMLServiceException MapService(AmazonServiceException e, string operation, string? jobName, ResolvedConnection connection)
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
                return Make(AutoMLErrorKind.AccessDenied, $"Access denied to {job} ({message}). Check the IAM policy of {connection.CredentialSource}: it needs sagemaker:{operation} for this request.");
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
            case "IncompleteSignatureException":
            case "MissingAuthenticationToken":
            case "MissingAuthenticationTokenException":
                return Make(AutoMLErrorKind.Authentication, $"The request signature was rejected ({message}). Check the secret key of {connection.CredentialSource}.");
            case "ThrottlingException":
            case "Throttling":
            case "TooManyRequestsException":
            case "RequestLimitExceeded":
            case "TooManyRequests":
                return Make(AutoMLErrorKind.Throttling, $"SageMaker kept throttling the request for {job} after the retries ({message}). Retry later, lower -ThrottleLimit, or raise AWS_MAX_ATTEMPTS.");
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
