namespace AutoMLV2.Tests.Engine;

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using AutoMLV2.Engine;
using AutoMLV2.Engine.Client;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>SDK and transport failures → <see cref="AutoMLServiceException"/> kinds and messages that say what to do.</summary>
public sealed class ErrorMapperTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLETOKENvalue//////////wEaCXVzLWVhc3QtMSJHMEUCIQD";

    private static readonly ResolvedConnection Connection = new ConnectionResolver(
            name => name == "AWS_EC2_METADATA_DISABLED" ? "true" : null,
            _ => new FakeProfileSource(),
            _ => null)
        .Resolve(new ConnectionSettings { AccessKey = AccessKey, SecretKey = SecretKey, SessionToken = SessionToken, Region = "eu-west-2" }, new RecordingLog(), CancellationToken.None);

    public static readonly TheoryData<string, int, string, string?, AutoMLErrorKind, string[]> ServiceErrors = new()
    {
        { "ResourceNotFound", 400, "AutoML job churn-x does not exist.", "churn-x", AutoMLErrorKind.NotFound, new[] { "churn-x", "eu-west-2" } },
        { "ResourceNotFoundException", 400, "Not found", "churn-x", AutoMLErrorKind.NotFound, new[] { "churn-x" } },
        { "ValidationException", 400, "Could not find AutoML job 'churn-x'.", "churn-x", AutoMLErrorKind.NotFound, new[] { "churn-x", "eu-west-2" } },
        { "ValidationException", 400, "Requested resource not found: churn-x", "churn-x", AutoMLErrorKind.NotFound, new[] { "churn-x" } },
        { "ValidationException", 400, "Could not find AutoML job 'churn-x'.", null, AutoMLErrorKind.InvalidArgument, Array.Empty<string>() },
        { "ValidationException", 400, "1 validation error detected: Value 'x_y' at 'autoMLJobName' failed to satisfy constraint", "x-y", AutoMLErrorKind.InvalidArgument, new[] { "validation error" } },
        { "AccessDeniedException", 400, "User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: sagemaker:DescribeAutoMLJobV2", "churn-x", AutoMLErrorKind.AccessDenied, new[] { "IAM policy", "sagemaker:DescribeAutoMLJobV2", "-AccessKey" } },
        { "AccessDenied", 403, "Access Denied", null, AutoMLErrorKind.AccessDenied, new[] { "IAM policy" } },
        { "ExpiredTokenException", 400, "The security token included in the request is expired", "churn-x", AutoMLErrorKind.Authentication, new[] { "expired", "Refresh", "sso" } },
        { "ExpiredToken", 403, "The provided token has expired.", "churn-x", AutoMLErrorKind.Authentication, new[] { "Refresh" } },
        { "RequestExpired", 403, "Request has expired.", "churn-x", AutoMLErrorKind.Authentication, new[] { "Refresh" } },
        { "UnrecognizedClientException", 400, "The security token included in the request is invalid.", "churn-x", AutoMLErrorKind.Authentication, new[] { "access key" } },
        { "InvalidClientTokenId", 403, "The security token included in the request is invalid.", "churn-x", AutoMLErrorKind.Authentication, new[] { "access key" } },
        { "SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided.", "churn-x", AutoMLErrorKind.Authentication, new[] { "signature", "secret key" } },
        { "InvalidSignatureException", 400, "Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z", "churn-x", AutoMLErrorKind.Authentication, new[] { "signature" } },
        // awsJson services name these two with an Exception suffix (the Query protocol without).
        { "MissingAuthenticationTokenException", 400, "Missing Authentication Token", "churn-x", AutoMLErrorKind.Authentication, Array.Empty<string>() },
        { "IncompleteSignatureException", 400, "Authorization header requires 'Credential' parameter.", "churn-x", AutoMLErrorKind.Authentication, Array.Empty<string>() },
        { "MissingAuthenticationToken", 403, "Missing Authentication Token", "churn-x", AutoMLErrorKind.Authentication, Array.Empty<string>() },
        { "ThrottlingException", 400, "Rate exceeded", "churn-x", AutoMLErrorKind.Throttling, new[] { "throttl", "Rate exceeded" } },
        { "TooManyRequestsException", 429, "Too many requests", null, AutoMLErrorKind.Throttling, new[] { "throttl" } },
        { "InternalFailure", 500, "We encountered an internal error. Please try again.", "churn-x", AutoMLErrorKind.ServiceError, new[] { "HTTP 500", "internal error" } },
        { "ServiceUnavailable", 503, "Service is unavailable", "churn-x", AutoMLErrorKind.ServiceError, new[] { "HTTP 503" } },
        { "Forbidden", 403, "Forbidden", "churn-x", AutoMLErrorKind.AccessDenied, new[] { "HTTP 403" } },
        { "ResourceLimitExceeded", 400, "The account-level service limit was exceeded", "churn-x", AutoMLErrorKind.ServiceError, new[] { "ResourceLimitExceeded" } },
    };

    [Theory]
    [MemberData(nameof(ServiceErrors))]
    public void ServiceErrorsMapToAKindAndAMessageThatHelps(string code, int status, string serviceMessage, string? jobName, AutoMLErrorKind expectedKind, string[] expectedInMessage)
    {
        var sdk = new AmazonServiceException(serviceMessage, null, status >= 500 ? ErrorType.Receiver : ErrorType.Sender, code, "0c8d5e2a-aaaa-4bbb-8ccc-dddddddddddd", (HttpStatusCode)status);

        var mapped = ErrorMapper.Map(sdk, SageMakerOperation.DescribeAutoMLJobV2, jobName, Connection);

        Assert.Equal(expectedKind, mapped.Kind);
        foreach (var text in expectedInMessage)
        {
            Assert.Contains(text, mapped.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(code, mapped.ErrorCode);
        Assert.Equal(status, mapped.StatusCode);
        Assert.Equal("0c8d5e2a-aaaa-4bbb-8ccc-dddddddddddd", mapped.RequestId);
        Assert.Same(sdk, mapped.InnerException);
        AssertNoSecret(mapped);
    }

    [Theory]
    [InlineData(SageMakerOperation.DescribeAutoMLJobV2, "churn-x")]
    [InlineData(SageMakerOperation.ListAutoMLJobs, null)]
    [InlineData(SageMakerOperation.ListCandidatesForAutoMLJob, "churn-x")]
    public void AccessDeniedNamesThePermissionOfTheOperationThatWasDenied(string operation, string? jobName)
    {
        var sdk = new AmazonServiceException($"User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: sagemaker:{operation}", null, ErrorType.Sender, "AccessDeniedException", "req-denied", HttpStatusCode.BadRequest);

        var mapped = ErrorMapper.Map(sdk, operation, jobName, Connection);

        Assert.Equal(AutoMLErrorKind.AccessDenied, mapped.Kind);
        Assert.Contains($"it needs sagemaker:{operation} for this request", mapped.Message, StringComparison.Ordinal);
        foreach (var other in new[] { SageMakerOperation.DescribeAutoMLJobV2, SageMakerOperation.ListAutoMLJobs, SageMakerOperation.ListCandidatesForAutoMLJob })
        {
            if (other != operation)
            {
                Assert.DoesNotContain("it needs sagemaker:" + other, mapped.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AnUnknownJobOfAListCandidatesCallIsNotFoundNamingTheJobAndRegion()
    {
        var sdk = new AmazonServiceException("AutoML job churn-x does not exist.", null, ErrorType.Sender, "ResourceNotFound", "req-missing", HttpStatusCode.BadRequest);

        var mapped = ErrorMapper.Map(sdk, SageMakerOperation.ListCandidatesForAutoMLJob, "churn-x", Connection);

        Assert.Equal(AutoMLErrorKind.NotFound, mapped.Kind);
        Assert.Equal("AutoML job 'churn-x' was not found in eu-west-2.", mapped.Message);
    }

    public static readonly TheoryData<string, Exception> TransportErrors = new()
    {
        { "DNS failure", new HttpRequestException("Name or service not known (api.sagemaker.eu-west-2.amazonaws.com:443)", new SocketException((int)SocketError.HostNotFound)) },
        { "refused", new HttpRequestException("Connection refused (127.0.0.1:4566)", new SocketException((int)SocketError.ConnectionRefused)) },
        { "reset mid-body", new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)) },
        { "wrapped by the SDK", new AmazonClientException("Unable to reach the endpoint", new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely."))) },
        { "aggregate", new AggregateException(new HttpRequestException("No route to host")) },
        { "web exception", new WebException("The remote name could not be resolved", WebExceptionStatus.NameResolutionFailure) },
    };

    [Theory]
    [MemberData(nameof(TransportErrors))]
    public void TransportFailuresAreConnectionErrorsNamingTheEndpoint(string scenario, Exception error)
    {
        var mapped = ErrorMapper.Map(error, SageMakerOperation.DescribeAutoMLJobV2, "churn-x", Connection);

        Assert.True(AutoMLErrorKind.Connection == mapped.Kind, $"{scenario}: {mapped.Kind} {mapped.Message}");
        Assert.Contains("api.sagemaker.eu-west-2.amazonaws.com", mapped.Message);
        Assert.Null(mapped.StatusCode);
        AssertNoSecret(mapped);
    }

    [Fact]
    public void ATimeoutSaysSoAndHowToAllowMoreTime()
    {
        var mapped = ErrorMapper.Map(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 60 seconds elapsing.", new TimeoutException("The operation was canceled.")), SageMakerOperation.DescribeAutoMLJobV2, "churn-x", Connection);

        Assert.Equal(AutoMLErrorKind.Connection, mapped.Kind);
        Assert.Contains("timed out", mapped.Message);
        Assert.Contains("$AutoMLV2RequestTimeoutSeconds", mapped.Message);
    }

    [Fact]
    public void AnSdkExceptionWithoutStatusIsNotTakenForAServiceAnswer()
    {
        // What the SDK throws when it never got a response: no status code.
        var sdk = new AmazonServiceException("Unable to connect", new HttpRequestException("Connection refused"), ErrorType.Unknown, null, null, 0);

        var mapped = ErrorMapper.Map(sdk, SageMakerOperation.DescribeAutoMLJobV2, "churn-x", Connection);

        Assert.NotEqual(AutoMLErrorKind.NotFound, mapped.Kind);
        Assert.Null(mapped.StatusCode);
        AssertNoSecret(mapped);
    }

    [Fact]
    public void SomethingElseIsAServiceErrorThatKeepsTheCause()
    {
        var cause = new InvalidOperationException("unexpected");
        var mapped = ErrorMapper.Map(cause, SageMakerOperation.DescribeAutoMLJobV2, "churn-x", Connection);

        Assert.Equal(AutoMLErrorKind.ServiceError, mapped.Kind);
        Assert.Contains("unexpected", mapped.Message);
        Assert.Same(cause, mapped.InnerException);
    }

    [Fact]
    public void TheConnectionUsedHereReallyCarriesTheSecrets()
    {
        // Guards the secret assertions above: they are only meaningful if the connection has them.
        var immutable = Connection.Credentials.GetCredentials();
        Assert.Equal(SecretKey, immutable.SecretKey);
        Assert.Equal(SessionToken, immutable.Token);
        Assert.Contains("MPLE", Connection.CredentialSource);
    }

    private static void AssertNoSecret(AutoMLServiceException mapped)
    {
        for (Exception? e = mapped; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(SecretKey, e.Message);
            Assert.DoesNotContain(SessionToken, e.Message);
            Assert.DoesNotContain(SecretKey, e.ToString());
        }

        Assert.DoesNotContain(AccessKey, mapped.Message);
    }
}
