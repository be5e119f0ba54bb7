namespace AutoMLV2.Tests.Support;

using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

/// <summary>The official response shapes, extracted from botocore by tests/conformance/extract_shapes.py.</summary>
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
}
