namespace AutoMLV2;

using System;

/// <summary>
/// Nothing can be sent: no region, no credentials, a named profile that does not exist, a malformed
/// credentials file or endpoint. Terminating: it would fail the same way for every job.
/// </summary>
public sealed class AutoMLConfigurationException : Exception
{
    public AutoMLConfigurationException(string errorId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
    }

    /// <summary>The stable error id the cmdlets use, for example <c>NoRegion</c> or <c>NoCredentials</c>.</summary>
    public string ErrorId { get; }
}
