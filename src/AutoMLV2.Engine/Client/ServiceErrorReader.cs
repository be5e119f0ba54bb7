namespace AutoMLV2.Engine.Client;

using System;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

/// <summary>
/// Turns an error response into an <see cref="AmazonServiceException"/> whose ErrorCode the SDK's
/// retry policy (throttling, clock skew) and our error mapping understand. awsJson 1.1 puts the code
/// in <c>__type</c> (maybe <c>prefix#Name</c> or <c>Name:extra</c>), else <c>x-amzn-ErrorType</c>,
/// else <c>code</c>; some endpoints (moto's IAM layer, proxies) answer with XML or HTML instead.
/// </summary>
internal static class ServiceErrorReader
{
    private const int MaxErrorBody = 64 * 1024;
    private static readonly Regex XmlCode = new("<Code>([^<]*)</Code>", RegexOptions.CultureInvariant);
    private static readonly Regex XmlMessage = new("<Message>([^<]*)</Message>", RegexOptions.CultureInvariant);
    private static readonly Regex HtmlTitle = new("<title>([^<]*)</title>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static AmazonServiceException Read(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var data = context.ResponseData;
        var requestId = data?.GetHeaderValue("x-amzn-RequestId") ?? data?.GetHeaderValue("x-amz-request-id");
        var body = ReadBody(context.Stream);
        var parsed = Parse(body, data?.GetHeaderValue("x-amzn-ErrorType"), data?.GetHeaderValue("x-amzn-error-message"), statusCode);
        var errorType = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(parsed.Message, innerException, errorType, parsed.Code, string.IsNullOrEmpty(requestId) ? null : requestId, statusCode);
    }

    internal static (string Code, string Message) Parse(string body, string? errorTypeHeader, string? messageHeader, HttpStatusCode statusCode)
    {
        string? code = null;
        string? message = null;
        var trimmed = body.TrimStart();

        if (trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    code = StringMember(document.RootElement, "__type") ?? StringMember(document.RootElement, "code") ?? StringMember(document.RootElement, "Code");
                    message = StringMember(document.RootElement, "message") ?? StringMember(document.RootElement, "Message") ?? StringMember(document.RootElement, "errorMessage");
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the headers and the status code.
            }
        }
        else if (trimmed.StartsWith("<", StringComparison.Ordinal))
        {
            var xmlCode = XmlCode.Match(trimmed);
            if (xmlCode.Success)
            {
                code = WebUtility.HtmlDecode(xmlCode.Groups[1].Value);
                var xmlMessage = XmlMessage.Match(trimmed);
                message = xmlMessage.Success ? WebUtility.HtmlDecode(xmlMessage.Groups[1].Value) : null;
            }
            else
            {
                var title = HtmlTitle.Match(trimmed);
                message = "The endpoint answered with an HTML page instead of a SageMaker error"
                    + (title.Success ? $" (\"{WebUtility.HtmlDecode(title.Groups[1].Value).Trim()}\")" : string.Empty)
                    + "; a proxy or a wrong endpoint may be in the way.";
            }
        }

        code ??= string.IsNullOrEmpty(errorTypeHeader) ? null : errorTypeHeader;
        code = NormalizeCode(code) ?? CodeForStatus(statusCode);
        if (string.IsNullOrEmpty(message))
        {
            message = string.IsNullOrEmpty(messageHeader) ? $"{code} (HTTP {(int)statusCode})." : messageHeader!;
        }

        return (code, message!);
    }

    /// <summary><c>aws.protocoltests#FooError:http://…</c> → <c>FooError</c>.</summary>
    internal static string? NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var value = code!;
        var colon = value.IndexOf(':');
        if (colon >= 0)
        {
            value = value.Substring(0, colon);
        }

        var hash = value.LastIndexOf('#');
        if (hash >= 0)
        {
            value = value.Substring(hash + 1);
        }

        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    private static string CodeForStatus(HttpStatusCode statusCode) => (int)statusCode switch
    {
        403 => "AccessDenied",
        404 => "NotFound",
        429 => "TooManyRequests",
        500 => "InternalFailure",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "Http" + (int)statusCode,
    };

    private static string? StringMember(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ReadBody(Stream? stream)
    {
        if (stream is null)
        {
            return string.Empty;
        }

        try
        {
            var buffer = new byte[MaxErrorBody];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
