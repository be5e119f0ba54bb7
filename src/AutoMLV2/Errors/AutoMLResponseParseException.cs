namespace AutoMLV2;

using System;

/// <summary>
/// The endpoint answered with a body that is not a valid response of the operation (truncated or
/// malformed JSON, a value of the wrong type, an HTML page from a proxy). The one exception the
/// response parser raises.
/// </summary>
public sealed class AutoMLResponseParseException : AutoMLServiceException
{
    public AutoMLResponseParseException(string message, int? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(AutoMLErrorKind.InvalidResponse, message, "InvalidResponse", statusCode, requestId, innerException)
    {
    }
}
