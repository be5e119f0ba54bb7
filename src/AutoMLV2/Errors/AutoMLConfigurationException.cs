namespace AutoMLV2;

using System;

/// <summary>
/// Nothing can be sent: no region, no credentials, a named profile that does not exist, a malformed
/// credentials file or endpoint. It would fail the same way for every job of the connection.
/// </summary>
public sealed class AutoMLConfigurationException : Exception
{
    public AutoMLConfigurationException(AutoMLConfigurationError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>What is wrong.</summary>
    public AutoMLConfigurationError Error { get; }

    /// <summary>The stable error id the cmdlets use, for example <c>NoRegion</c> or <c>NoCredentials</c>.</summary>
    public string ErrorId => Error.ToString();
}
