namespace AutoMLV2.Engine.Connection;

using System;
using System.Security.Cryptography;
using System.Text;

/// <summary>How the choosers read a setting's text: blank is unset, "true" in any case is true, secrets only as a hash.</summary>
internal static class SettingText
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    public static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An access key id with all but its last four characters masked, for -Verbose and messages.</summary>
    public static string MaskKey(string accessKey)
        => accessKey.Length <= 4 ? "****" : new string('*', Math.Min(16, accessKey.Length - 4)) + accessKey.Substring(accessKey.Length - 4);

    /// <summary>" in 'file'" for a profile location given by the user, else nothing.</summary>
    public static string Where(string? location) => Blank(location) is null ? string.Empty : $" in '{location}'";

    /// <summary>A one-way digest, so that a cache key can tell secrets apart without holding them.</summary>
    public static string Hash(string value)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(value)));
    }
}
