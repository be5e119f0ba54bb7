namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Numerics;
using System.Reflection;
using System.Text.Json;
using AutoMLV2.Model;

/// <summary>
/// Issue "Nothing lost": every member of a generated body that the model does not have is a newer
/// member (Model/NewerMembers.cs) of the object it came in, with its value; a union's __type and a
/// member with an empty name (which no object can have) excepted.
/// </summary>
internal static class NewerMemberCheck
{
    public static List<string> Problems(JNode root, object value)
    {
        var problems = new List<string>();
        Walk(root, value, "$", problems);
        return problems;
    }

    private static void Walk(JNode node, object? value, string path, List<string> problems)
    {
        switch (node)
        {
            case JArray { ModelType: "list" } list when value is Array items:
                for (var i = 0; i < list.Items.Count && i < items.Length; i++)
                {
                    Walk(list.Items[i], items.GetValue(i), $"{path}[{i}]", problems);
                }

                break;
            case JObject { ModelType: "map" } map when value is IDictionary entries:
                foreach (var entry in map.Members.Where(e => entries.Contains(e.Name)))
                {
                    Walk(entry.Value, entries[entry.Name], $"{path}[{entry.Name}]", problems);
                }

                break;
            case JObject { ModelType: "structure" or "union" } shape when value is not null:
                // The ListAutoMLJobs response itself is no object the user gets: its newer members
                // are only named in the Verbose line (NewerMemberReaderTests).
                var keeps = value is not AutoMLV2.Engine.Wire.ListAutoMLJobsResult;
                var expected = shape.Members
                    .Where(m => keeps && m.Unknown && m.Name.Length > 0 && !(shape.ModelType == "union" && m.Name == "__type"))
                    .ToList();
                var actual = NewerMembers.Of(value).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
                foreach (var member in expected)
                {
                    using var json = JsonDocument.Parse(member.Value.ToJson());
                    if (!actual.TryGetValue(member.Name, out var kept))
                    {
                        problems.Add($"{path}.{member.Name}: not kept on the {value.GetType().Name}");
                    }
                    else if (!Same(json.RootElement, kept))
                    {
                        problems.Add($"{path}.{member.Name}: the body has {json.RootElement.GetRawText()}, the newer member holds {kept ?? "null"}");
                    }
                }

                foreach (var extra in actual.Keys.Where(k => expected.All(m => m.Name != k)))
                {
                    problems.Add($"{path}.{extra}: a newer member the body does not have");
                }

                foreach (var member in shape.Members.Where(m => !m.Unknown))
                {
                    var property = value.GetType().GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance);
                    Walk(member.Value, property?.GetValue(value), path + "." + member.Name, problems);
                }

                break;
        }
    }

    /// <summary>Whether a newer member's value is the JSON value (see NewerMembers.Of for the kinds).</summary>
    private static bool Same(JsonElement json, object? value)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                // A name repeated in another case keeps its last value (PowerShell members ignore case).
                var members = json.EnumerateObject().Where(p => p.Name.Length > 0)
                    .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList();
                return value is PSObject structure
                    && structure.Properties.Count() == members.Count
                    && members.All(m => structure.Properties[m.Name] is { } p && Same(m.Value, p.Value));
            case JsonValueKind.Array:
                return value is object?[] items && items.Length == json.GetArrayLength()
                    && json.EnumerateArray().Select((item, i) => Same(item, items[i])).All(same => same);
            case JsonValueKind.String:
                return value is string text && text == json.GetString();
            case JsonValueKind.Number:
                var raw = json.GetRawText();
                return value switch
                {
                    int or long or BigInteger => BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) == BigInteger.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
                    double number => double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture) == number,
                    string kept => kept == raw,
                    _ => false,
                };
            case JsonValueKind.True:
                return value is true;
            case JsonValueKind.False:
                return value is false;
            default:
                return value is null;
        }
    }
}
