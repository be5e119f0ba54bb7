namespace AutoMLV2.Formatting;

using System.Collections.Generic;
using System.Globalization;
using System.Linq;

/// <summary>
/// String plumbing for the display text in this folder: parts that are null or empty are left
/// out, so an unset member leaves no stray separator, label or bracket behind.
/// </summary>
internal static class TextParts
{
    /// <summary>Joins the parts that are neither null nor empty.</summary>
    internal static string Join(string separator, params string?[]? parts) =>
        parts is null ? string.Empty : Join(separator, (IEnumerable<string?>)parts);

    internal static string Join(string separator, IEnumerable<string?> parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>Joins the ToString of each item, leaving out the null and empty ones.</summary>
    internal static string JoinAll<T>(string separator, IEnumerable<T?>? items)
        where T : class =>
        items is null ? string.Empty : Join(separator, items.Select(i => i?.ToString()));

    internal static string? Prefixed(string prefix, string? value) =>
        string.IsNullOrEmpty(value) ? null : prefix + value;

    internal static string? Quoted(string label, string? value) =>
        value is null ? null : label + " '" + value + "'";

    internal static string? Paren(string? value) =>
        string.IsNullOrEmpty(value) ? null : "(" + value + ")";

    internal static string? Bracket(string? value) =>
        string.IsNullOrEmpty(value) ? null : "[" + value + "]";

    /// <summary>"Name: details" for the member of a union that is set.</summary>
    internal static string? Union(string name, object? member) =>
        member is null ? null : Join(": ", name, member.ToString());

    /// <summary>"1 step", "2 steps", "0 steps".</summary>
    internal static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
