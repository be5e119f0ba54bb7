namespace AutoMLV2.Tests.Support;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;

/// <summary>
/// Walks a response body and the object it was read into side by side, and lists every
/// difference: a member of the JSON that has no property (or a null one), a value that differs,
/// a timestamp that is not the local time of its epoch seconds, a list or map of another size,
/// and a property that holds a value the JSON does not have.
/// </summary>
internal static class WireComparer
{
    public static List<string> Compare(JsonElement json, object? value, Type type, bool allowUnknownMembers)
    {
        var problems = new List<string>();
        Walk(json, value, type, "$", allowUnknownMembers, problems);
        return problems;
    }

    /// <summary>Epoch seconds as awsJson sends them, as the local time the module shows.</summary>
    public static DateTime LocalTime(double epochSeconds)
        => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(epochSeconds * 1000d)).UtcDateTime.ToLocalTime();

    /// <summary>Every (class, property) pair that holds a non-null value anywhere under <paramref name="value"/>.</summary>
    public static void CollectSet(object? value, HashSet<(string Type, string Member)> seen)
    {
        if (value is null || value is string || value.GetType().IsValueType)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (var item in dictionary.Values)
            {
                CollectSet(item, seen);
            }

            return;
        }

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                CollectSet(item, seen);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var member = property.GetValue(value);
            if (member is not null)
            {
                seen.Add((value.GetType().Name, property.Name));
                CollectSet(member, seen);
            }
        }
    }

    private static void Walk(JsonElement json, object? value, Type type, string path, bool allowUnknown, List<string> problems)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        if (json.ValueKind == JsonValueKind.Null)
        {
            if (value is not null)
            {
                problems.Add($"{path}: JSON null, but the property holds {Describe(value)}");
            }

            return;
        }

        if (value is null)
        {
            problems.Add($"{path}: the body has {Render(json)}, but the {Name(type)} property is null");
            return;
        }

        if (clr == typeof(string))
        {
            Expect(json.ValueKind == JsonValueKind.String && json.GetString() == (string)value, path, json, value, problems);
        }
        else if (clr == typeof(int))
        {
            Expect(json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) && i == (int)value, path, json, value, problems);
        }
        else if (clr == typeof(long))
        {
            Expect(json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) && l == (long)value, path, json, value, problems);
        }
        else if (clr == typeof(double))
        {
            Expect(json.ValueKind == JsonValueKind.Number && json.GetDouble().Equals((double)value), path, json, value, problems);
        }
        else if (clr == typeof(bool))
        {
            Expect(json.ValueKind is JsonValueKind.True or JsonValueKind.False && json.GetBoolean() == (bool)value, path, json, value, problems);
        }
        else if (clr == typeof(DateTime))
        {
            var actual = (DateTime)value;
            if (json.ValueKind != JsonValueKind.Number)
            {
                problems.Add($"{path}: fixture timestamp is not epoch seconds: {Render(json)}");
            }
            else if (actual.Kind != DateTimeKind.Local)
            {
                problems.Add($"{path}: timestamp kind is {actual.Kind}, expected Local");
            }
            else if (actual != LocalTime(json.GetDouble()))
            {
                problems.Add($"{path}: {json.GetRawText()} should be {LocalTime(json.GetDouble()):O}, is {actual:O}");
            }
        }
        else if (clr.IsArray)
        {
            var items = (Array)value;
            if (json.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{path}: the body has {Render(json)} where the property is a list");
                return;
            }

            if (json.GetArrayLength() != items.Length)
            {
                problems.Add($"{path}: {json.GetArrayLength()} items in the body, {items.Length} in the property");
                return;
            }

            var index = 0;
            foreach (var item in json.EnumerateArray())
            {
                Walk(item, items.GetValue(index), clr.GetElementType()!, $"{path}[{index}]", allowUnknown, problems);
                index++;
            }
        }
        else if (clr.IsGenericType && clr.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var map = (IDictionary)value;
            var valueType = clr.GetGenericArguments()[1];
            var keys = json.EnumerateObject().Select(p => p.Name).ToList();
            foreach (var missing in keys.Where(k => !map.Contains(k)))
            {
                problems.Add($"{path}: key '{missing}' is missing from the map");
            }

            foreach (var extra in map.Keys.Cast<string>().Where(k => !keys.Contains(k)))
            {
                problems.Add($"{path}: the map has a key '{extra}' the body does not");
            }

            foreach (var entry in json.EnumerateObject().Where(p => map.Contains(p.Name)))
            {
                Walk(entry.Value, map[entry.Name], valueType, $"{path}[{entry.Name}]", allowUnknown, problems);
            }
        }
        else
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}: the body has {Render(json)} where {clr.Name} is an object");
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in json.EnumerateObject())
            {
                seen.Add(member.Name);
                var property = clr.GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance);
                if (property is null)
                {
                    if (!allowUnknown)
                    {
                        problems.Add($"{path}.{member.Name}: {clr.Name} has no property for this member");
                    }

                    continue;
                }

                Walk(member.Value, property.GetValue(value), property.PropertyType, $"{path}.{member.Name}", allowUnknown, problems);
            }

            foreach (var property in clr.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && !seen.Contains(p.Name)))
            {
                if (property.GetValue(value) is { } phantom)
                {
                    problems.Add($"{path}.{property.Name}: not in the body, but the property holds {Describe(phantom)}");
                }
            }
        }
    }

    private static void Expect(bool ok, string path, JsonElement json, object value, List<string> problems)
    {
        if (!ok)
        {
            problems.Add($"{path}: the body has {Render(json)}, the property holds {Describe(value)}");
        }
    }

    private static string Render(JsonElement json)
    {
        var text = json.GetRawText();
        return text.Length > 80 ? text.Substring(0, 77) + "..." : text;
    }

    private static string Describe(object value) => value switch
    {
        string s => "\"" + s + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture) + " (" + t.Kind + ")",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static string Name(Type type) => (Nullable.GetUnderlyingType(type) ?? type).Name;
}
