namespace AutoMLV2.Engine.Connection;

using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AutoMLV2.Internal;
using RetryPolicy = AutoMLV2.Internal.RetryPolicy;
using static AutoMLV2.Engine.Connection.SettingText;

/// <summary>How many attempts, and the SDK's retry mode (standard or adaptive), and where they came from.</summary>
internal sealed record RetrySettings(int MaxAttempts, RequestRetryMode Mode, string Source);

/// <summary>
/// AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, else the profile's max_attempts / retry_mode, else
/// <see cref="RetryPolicy.DefaultMaxAttempts"/> attempts in standard mode. Read at every command:
/// AWSSDK.Core reads them once per process, and a PowerShell session outlives many changes.
/// </summary>
internal sealed class RetrySettingsChooser
{
    private readonly Func<string, string?> environment;

    public RetrySettingsChooser(Func<string, string?> environment)
    {
        this.environment = environment;
    }

    public RetrySettings Choose(CredentialProfile? profile)
    {
        var attempts = RetryPolicy.DefaultMaxAttempts;
        var mode = RequestRetryMode.Standard;
        var sources = new List<string>();

        if (Blank(environment("AWS_MAX_ATTEMPTS")) is string attemptsText)
        {
            if (!int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || !IsAttemptCount(attempts))
            {
                throw InvalidAttempts($"AWS_MAX_ATTEMPTS is '{attemptsText}'");
            }

            sources.Add("AWS_MAX_ATTEMPTS");
        }
        else if (profile?.MaxAttempts is int fromProfile)
        {
            if (!IsAttemptCount(fromProfile))
            {
                throw InvalidAttempts($"The max_attempts of profile '{profile.Name}' is '{fromProfile}'");
            }

            attempts = fromProfile;
            sources.Add($"max_attempts of profile '{profile.Name}'");
        }

        if (Blank(environment("AWS_RETRY_MODE")) is string modeText)
        {
            if (string.Equals(modeText, "legacy", StringComparison.OrdinalIgnoreCase))
            {
                mode = RequestRetryMode.Standard;
            }
            else if (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(typeof(RequestRetryMode), mode))
            {
                throw new AutoMLConfigurationException(AutoMLConfigurationError.InvalidRetrySettings, $"AWS_RETRY_MODE is '{modeText}'; it must be standard or adaptive.");
            }

            sources.Add("AWS_RETRY_MODE");
        }
        else if (profile?.RetryMode is RequestRetryMode fromProfile)
        {
            mode = fromProfile;
            sources.Add($"retry_mode of profile '{profile.Name}'");
        }

        return new RetrySettings(attempts, mode, sources.Count == 0 ? "defaults" : string.Join(", ", sources));
    }

    private static bool IsAttemptCount(int attempts) => attempts >= 1 && attempts <= RetryPolicy.MostMaxAttempts;

    private static AutoMLConfigurationException InvalidAttempts(string what)
        => new(AutoMLConfigurationError.InvalidRetrySettings, $"{what}; it must be a whole number of attempts from 1 to {RetryPolicy.MostMaxAttempts}.");
}
