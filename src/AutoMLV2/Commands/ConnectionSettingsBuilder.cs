namespace AutoMLV2.Commands;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoMLV2.Internal;

/// <summary>
/// The one place that turns what a command line and a session say into <see cref="ConnectionSettings"/>,
/// for every cmdlet (<see cref="AutoMLCmdletBase"/>) and for tab completion
/// (<see cref="AutoMLJobNameCompleter"/>): the common parameters by name, $StoredAWSCredentials,
/// $StoredAWSRegion and $AutoMLV2RequestTimeoutSeconds.
/// </summary>
internal static class ConnectionSettingsBuilder
{
    internal const string RequestTimeoutVariable = "AutoMLV2RequestTimeoutSeconds";
    internal const string StoredCredentialsVariable = "StoredAWSCredentials";
    internal const string StoredRegionVariable = "StoredAWSRegion";

    /// <summary>
    /// The connections the command and session ask for: one per profile × region given (profiles
    /// first, in the order given; duplicates once), or one when neither lists several.
    /// </summary>
    /// <param name="parameter">The value of a common parameter by its name, or null when it was not given.</param>
    /// <param name="sessionVariable">The value of a session variable by its name, or null.</param>
    /// <param name="resolvePath">A path as the current PowerShell location resolves it.</param>
    public static IReadOnlyList<ConnectionSettings> Build(Func<string, object?> parameter, Func<string, object?> sessionVariable, Func<string, string> resolvePath)
    {
        var common = new ConnectionSettings
        {
            ProfileLocation = Text(parameter(nameof(AutoMLCmdletBase.ProfileLocation))) is string location ? resolvePath(location) : null,
            AccessKey = Text(parameter(nameof(AutoMLCmdletBase.AccessKey))),
            SecretKey = Text(parameter(nameof(AutoMLCmdletBase.SecretKey))),
            SessionToken = Text(parameter(nameof(AutoMLCmdletBase.SessionToken))),
            Credential = AutoMLCmdletBase.Unwrap(parameter(nameof(AutoMLCmdletBase.Credential))),
            EndpointUrl = Text(parameter(nameof(AutoMLCmdletBase.EndpointUrl))),
            StoredCredentials = AutoMLCmdletBase.Unwrap(sessionVariable(StoredCredentialsVariable)),
            StoredRegion = Text(sessionVariable(StoredRegionVariable)),
            RequestTimeout = RequestTimeout(AutoMLCmdletBase.Unwrap(sessionVariable(RequestTimeoutVariable))),
        };
        var regions = RegionTransformationAttribute.RegionNames(parameter(nameof(AutoMLCmdletBase.Region)));
        var profiles = Texts(parameter(nameof(AutoMLCmdletBase.ProfileName)));
        return (from profile in profiles.DefaultIfEmpty(null)
                from region in regions.DefaultIfEmpty(null)
                select common with { ProfileName = profile, Region = region })
            .Distinct()
            .ToList();
    }

    /// <summary>$AutoMLV2RequestTimeoutSeconds: unset for the default, else 1 ≤ seconds ≤ 3600.</summary>
    private static TimeSpan? RequestTimeout(object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > 3600)
        {
            throw new AutoMLConfigurationException(
                AutoMLConfigurationError.InvalidRequestTimeout,
                $"${RequestTimeoutVariable} is '{value}'; set it to a number of seconds between 1 and 3600, or remove it for the default ({ConnectionSettings.DefaultRequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string? Text(object? value) => AutoMLCmdletBase.Unwrap(value)?.ToString();

    private static string?[] Texts(object? value)
    {
        value = AutoMLCmdletBase.Unwrap(value);
        var texts = value is IEnumerable list and not string ? list.Cast<object?>().Select(Text) : new[] { Text(value) };
        return texts.Where(text => !string.IsNullOrWhiteSpace(text)).ToArray();
    }
}
