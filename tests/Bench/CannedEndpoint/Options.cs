namespace AutoMLV2.Bench;

using System;
using System.Collections.Generic;
using System.Globalization;

/// <summary><c>--name value</c> pairs.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i].Substring(2);
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            options.values[name] = value;
        }

        return options;
    }

    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) => Get(name) is string v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is string v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
