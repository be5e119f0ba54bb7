namespace AutoMLV2.Engine.Connection;

using System;
using Amazon.Runtime;

/// <summary>
/// A role profile with <c>mfa_serial</c> needs a one-time code whenever its credentials are fetched or
/// refreshed. AWSSDK.Core asks its <c>MfaTokenCodeCallback</c>, which AWS Tools for PowerShell points at
/// the console; here it asks the PowerShell host of the invocation whose request needs the credentials
/// (<see cref="InvocationLog"/>), so a refresh an hour later asks in the command running then.
/// </summary>
internal static class MfaPrompt
{
    /// <summary>Makes <paramref name="credentials"/> ask for the MFA code when its profile names an MFA device.</summary>
    public static void Attach(AWSCredentials credentials, string profileName)
    {
        if (credentials is AssumeRoleAWSCredentials { Options: { MfaSerialNumber: { Length: > 0 } serial } options })
        {
            options.MfaTokenCodeCallback = () => Ask(profileName, serial);
        }
    }

    internal static string Ask(string profileName, string serial)
    {
        var prompt = $"MFA code for {serial} (profile '{profileName}')";
        var log = InvocationLog.Current
            ?? throw new InvalidOperationException($"The profile '{profileName}' needs an MFA code from {serial}, and no command is running to ask for it.");
        try
        {
            return log.PromptForSecret(prompt);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"The profile '{profileName}' needs an MFA code from {serial}. {e.Message} Run the command in an interactive PowerShell session, or use credentials that need no code (for example temporary credentials from Get-STSSessionToken or 'aws sts get-session-token').",
                e);
        }
    }
}
