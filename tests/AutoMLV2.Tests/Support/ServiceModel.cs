namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

/// <summary>The official response shapes and request members, extracted from botocore by tests/conformance/extract_shapes.py.</summary>
internal static class ServiceModel
{
    private static readonly JsonDocument Document = JsonDocument.Parse(TestEnvironment.ReadFixture("sagemaker-shapes.json"));

    public static string Source => Document.RootElement.GetProperty("source").GetString()!;

    public static string OutputShape(string operation)
        => Document.RootElement.GetProperty("operations").GetProperty(operation).GetProperty("output").GetString()!;

    /// <summary>Every structure and union reachable from the operation's output, by shape name.</summary>
    public static IReadOnlyList<(string Name, JsonElement Shape)> Shapes(string operation)
        => Document.RootElement.GetProperty("operations").GetProperty(operation).GetProperty("shapes")
            .EnumerateObject().Select(p => (p.Name, p.Value)).ToList();

    /// <summary>
    /// Every "Shape.Member" of the operation's output that <paramref name="seen"/> (as
    /// <see cref="WireComparer.CollectSet"/> collects it) holds no value for. <paramref name="clrName"/>
    /// names the class of a shape, or null to leave the shape out.
    /// </summary>
    public static List<string> Unfilled(string operation, HashSet<(string Type, string Member)> seen, Func<string, string?> clrName)
    {
        var missing = new List<string>();
        foreach (var (shapeName, shape) in Shapes(operation))
        {
            if (clrName(shapeName) is not string clr)
            {
                continue;
            }

            foreach (var member in shape.GetProperty("members").EnumerateObject())
            {
                if (!seen.Contains((clr, member.Name)))
                {
                    missing.Add(shapeName + "." + member.Name);
                }
            }
        }

        return missing;
    }

    /// <summary>The members of the operation's request: type, enum, min/max, pattern and whether required.</summary>
    public static IReadOnlyDictionary<string, JsonElement> RequestMembers(string operation)
        => Document.RootElement.GetProperty("operations").GetProperty(operation).GetProperty("input").GetProperty("members")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
}
