namespace AutoMLV2.Internal;

using System;
using System.Text.RegularExpressions;

/// <summary>Local checks that run before any request, shared by the cmdlets and the engine.</summary>
internal static class Validation
{
    /// <summary>
    /// The API's AutoMLJobName pattern, anchored: 1–32 characters, letters, digits and inner hyphens.
    /// <c>\z</c>, not <c>$</c>: in .NET <c>$</c> also matches before a final newline.
    /// </summary>
    public static readonly Regex JobNamePattern = new("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}\\z", RegexOptions.CultureInvariant);

    /// <summary>Region names of every partition: us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1, eusc-de-east-1, …</summary>
    private static readonly Regex RegionPattern = new("^[a-z]{2,4}(-[a-z0-9]+)*-[0-9]{1,2}\\z", RegexOptions.CultureInvariant);

    public static bool IsRegionName(string? value) => value is not null && RegionPattern.IsMatch(value);

    /// <summary>Why <paramref name="name"/> is not a valid AutoML job name, or null when it is.</summary>
    public static string? JobNameProblem(string? name)
    {
        if (name is null)
        {
            return "The AutoML job name is null.";
        }

        if (name.Length == 0 || name.Trim().Length == 0)
        {
            return "The AutoML job name is empty.";
        }

        if (name.Length > 32)
        {
            return $"'{Shorten(name)}' is {name.Length} characters long; an AutoML job name has at most 32.";
        }

        if (!JobNamePattern.IsMatch(name))
        {
            return $"'{name}' is not a valid AutoML job name: use 1 to 32 ASCII letters, digits and hyphens, starting and ending with a letter or digit.";
        }

        return null;
    }

    /// <summary>Why <paramref name="value"/> is not an endpoint URL, or null when it is.</summary>
    public static string? EndpointUrlProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "The endpoint URL is empty.";
        }

        if (!Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https") || uri.Host.Length == 0)
        {
            return $"'{value}' is not an http:// or https:// URL.";
        }

        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 37) + "...";
}
