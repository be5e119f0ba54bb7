namespace AutoMLV2.Tests.Engine.Client;

using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;
using AutoMLV2.Engine.Client;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>Error responses in every shape an endpoint sends them: the code and message the mapping needs.</summary>
public sealed class ServiceErrorReaderTests
{
    public static readonly TheoryData<string, string?, int, string, string> Bodies = new()
    {
        // awsJson 1.1: plain __type, lower-case message.
        { """{"__type":"ResourceNotFound","message":"Could not find AutoML job 'churn'."}""", null, 400, "ResourceNotFound", "Could not find AutoML job 'churn'." },
        // Namespaced __type, upper-case Message.
        { """{"__type":"com.amazonaws.sagemaker#ResourceNotFound","Message":"AutoML job churn does not exist."}""", null, 400, "ResourceNotFound", "AutoML job churn does not exist." },
        // Coral's Name:extra form.
        { """{"__type":"ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"1 validation error detected"}""", null, 400, "ValidationException", "1 validation error detected" },
        // Both forms at once.
        { """{"__type":"aws.protocoltests.json#ThrottlingException:http://internal.amazon.com/coral/","message":"Rate exceeded"}""", null, 400, "ThrottlingException", "Rate exceeded" },
        // `code` when there is no __type.
        { """{"code":"AccessDeniedException","message":"User is not authorized"}""", null, 400, "AccessDeniedException", "User is not authorized" },
        // Code from the x-amzn-ErrorType header only, empty JSON object.
        { "{}", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/", 400, "ThrottlingException", "ThrottlingException (HTTP 400)." },
        // Header only, no body at all.
        { "", "ExpiredTokenException", 400, "ExpiredTokenException", "ExpiredTokenException (HTTP 400)." },
        // moto's IAM layer answers a JSON request with XML.
        {
            "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.</Message></Error></Errors><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ErrorResponse>",
            null, 403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
        },
        // XML with a prolog, a namespace and entities.
        {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidClientTokenId</Code>\n    <Message>The security token included in the request is invalid &amp; unknown.</Message>\n  </Error>\n</ErrorResponse>",
            null, 403, "InvalidClientTokenId", "The security token included in the request is invalid & unknown."
        },
        // Not JSON after all: the status decides.
        { "{\"__type\": \"Thrott", null, 503, "ServiceUnavailable", "ServiceUnavailable (HTTP 503)." },
        // JSON that is not an object, or a __type that is not a string.
        { "[\"ThrottlingException\"]", null, 429, "TooManyRequests", "TooManyRequests (HTTP 429)." },
        { """{"__type":42,"message":"odd"}""", null, 500, "InternalFailure", "odd" },
        { """{"__type":"   ","message":"blank type"}""", null, 400, "Http400", "blank type" },
        // Plain text.
        { "Service Unavailable", null, 503, "ServiceUnavailable", "ServiceUnavailable (HTTP 503)." },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void CodeAndMessageComeFromWhereverTheEndpointPutThem(string body, string? errorTypeHeader, int status, string expectedCode, string expectedMessage)
    {
        var (code, message) = ServiceErrorReader.Parse(body, errorTypeHeader, null, (HttpStatusCode)status);

        Assert.Equal(expectedCode, code);
        Assert.Equal(expectedMessage, message);
    }

    [Theory]
    [InlineData(400, "Http400")]
    [InlineData(401, "Http401")]
    [InlineData(403, "AccessDenied")]
    [InlineData(404, "NotFound")]
    [InlineData(413, "Http413")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(500, "InternalFailure")]
    [InlineData(502, "BadGateway")]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(504, "GatewayTimeout")]
    public void AnEmptyBodyGetsACodeFromTheStatus(int status, string expectedCode)
    {
        var (code, message) = ServiceErrorReader.Parse(string.Empty, null, null, (HttpStatusCode)status);

        Assert.Equal(expectedCode, code);
        Assert.Equal($"{expectedCode} (HTTP {status}).", message);
    }

    [Fact]
    public void TheMessageHeaderIsUsedWhenTheBodyHasNone()
    {
        var (code, message) = ServiceErrorReader.Parse("   ", "ThrottlingException", "Rate exceeded", (HttpStatusCode)400);

        Assert.Equal("ThrottlingException", code);
        Assert.Equal("Rate exceeded", message);
    }

    [Fact]
    public void AnHtmlProxyPageSaysSoAndQuotesItsTitle()
    {
        const string page = "<!DOCTYPE html>\n<html><head><TITLE> 502 Bad Gateway </TITLE></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>";

        var (code, message) = ServiceErrorReader.Parse(page, null, null, HttpStatusCode.BadGateway);

        Assert.Equal("BadGateway", code);
        Assert.Contains("HTML page", message);
        Assert.Contains("\"502 Bad Gateway\"", message);
        Assert.Contains("proxy", message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("ResourceNotFound", "ResourceNotFound")]
    [InlineData(" ResourceNotFound ", "ResourceNotFound")]
    [InlineData("com.amazonaws.sagemaker#ResourceNotFound", "ResourceNotFound")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "ValidationException")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("a#b#FooError", "FooError")]
    [InlineData("#", null)]
    [InlineData(":http://x", null)]
    [InlineData("prefix#:extra", null)]
    public void NormalizeCodeKeepsOnlyTheShapeName(string? raw, string? expected)
    {
        Assert.Equal(expected, ServiceErrorReader.NormalizeCode(raw));
    }

    [Theory]
    [InlineData(400, ErrorType.Sender)]
    [InlineData(403, ErrorType.Sender)]
    [InlineData(500, ErrorType.Receiver)]
    [InlineData(503, ErrorType.Receiver)]
    public void TheSdkExceptionCarriesCodeStatusRequestIdAndSide(int status, ErrorType expectedType)
    {
        var response = new FakeResponseData(
            (HttpStatusCode)status,
            """{"__type":"com.amazonaws.sagemaker#ThrottlingException","message":"Rate exceeded"}""",
            headers: new Dictionary<string, string> { ["x-amzn-RequestId"] = "b3f1c5a0-1111-4222-8333-944455556666" });

        var error = DescribeAutoMLJobV2ResponseUnmarshaller.Instance.UnmarshallException(response.Context(isException: true), null!, (HttpStatusCode)status);

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("b3f1c5a0-1111-4222-8333-944455556666", error.RequestId);
        Assert.Equal(expectedType, error.ErrorType);
    }

    [Fact]
    public void TheS3StyleRequestIdHeaderIsAcceptedToo()
    {
        var response = new FakeResponseData(HttpStatusCode.Forbidden, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "application/xml", new Dictionary<string, string> { ["x-amz-request-id"] = "4442587FB7D0A2F9" });

        var error = ListAutoMLJobsResponseUnmarshaller.Instance.UnmarshallException(response.Context(isException: true), null!, HttpStatusCode.Forbidden);

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal("4442587FB7D0A2F9", error.RequestId);
    }
}
