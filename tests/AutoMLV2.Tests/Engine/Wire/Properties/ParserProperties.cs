namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using AutoMLV2.Tests.Support;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using Xunit.Sdk;

/// <summary>
/// Issue "Reliability": the response parser, checked on generated input. Bodies generated from the
/// official model land in the typed objects leaf for leaf, and their members the model does not
/// have are kept as newer members (issue "Nothing lost"); any other bytes either parse or raise
/// <see cref="AutoMLResponseParseException"/>, never another exception.
/// </summary>
public sealed class ParserProperties
{
    private const int RoundTripTests = 500;
    private const int ArbitraryByteTests = 2000;
    private const int MutatedDescribeTests = 1500;
    private const int MutatedListTests = 1000;
    private const int CarrierEvery = 7;

    private static int roundTrips;

    // ---- 1 and 3: generated from the model, read back leaf for leaf ----

    [Property(MaxTest = RoundTripTests, Arbitrary = new[] { typeof(ParserArbitraries) })]
    public void ADescribeBodyGeneratedFromTheModelLandsLeafForLeaf(DescribeDocument body) => AssertRoundTrip(body);

    [Property(MaxTest = RoundTripTests, Arbitrary = new[] { typeof(ParserArbitraries) })]
    public void AListBodyGeneratedFromTheModelLandsLeafForLeaf(ListDocument body) => AssertRoundTrip(body);

    // ---- 2 and 3: anything else parses or is the one documented error ----

    [Property(MaxTest = ArbitraryByteTests, Arbitrary = new[] { typeof(ParserArbitraries) })]
    public void ArbitraryBytesParseOrRaiseOnlyTheParseError(MalformedBody body)
    {
        ParserHarness.Read(OperationModel.Describe, body.Bytes, body.ChunkSeed);
        ParserHarness.Read(OperationModel.List, body.Bytes, body.ChunkSeed);
    }

    [Property(MaxTest = MutatedDescribeTests, Arbitrary = new[] { typeof(ParserArbitraries) })]
    public void AMutatedDescribeBodyParsesOrRaisesOnlyTheParseError(MutatedDescribeBody body)
        => AssertParseErrorCarriesTheOperation(OperationModel.Describe, body);

    [Property(MaxTest = MutatedListTests, Arbitrary = new[] { typeof(ParserArbitraries) })]
    public void AMutatedListBodyParsesOrRaisesOnlyTheParseError(MutatedListBody body)
        => AssertParseErrorCarriesTheOperation(OperationModel.List, body);

    // ---- the generators themselves ----

    [Fact]
    public void TheModelGeneratorReachesEveryMemberOfEveryShape()
    {
        foreach (var generators in new[] { ModelGenerators.Describe, ModelGenerators.List })
        {
            var seen = new HashSet<(string Shape, string Member)>();
            var features = new HashSet<string>();
            foreach (var document in generators.Document.Sample(400, 30))
            {
                Collect(document, generators.Model.Root, generators.Model, seen, features);
            }

            var missing = generators.Model.Shapes.Values
                .SelectMany(s => s.Members.Select(m => (s.Name, m.Name)))
                .Where(m => !seen.Contains(m))
                .Select(m => m.Item1 + "." + m.Item2)
                .ToList();
            Assert.True(missing.Count == 0, $"{generators.Model.Operation}: members no generated body had: {string.Join(", ", missing)}");

            var expected = new List<string> { "unknown member", "null member", "empty list", "exponent number", "long string", "escaped name" };
            if (generators.Model.Shapes.Values.Any(s => s.IsUnion))
            {
                expected.AddRange(new[] { "unknown-only union", "__type in union" });
            }

            if (generators.Model.Shapes.Values.SelectMany(s => s.Members).Any(m => m.Type.Enum is not null))
            {
                expected.Add("unknown enum value");
            }

            Assert.Empty(expected.Except(features));
        }
    }

    [Fact]
    public void TheMutationsGiveBothOutcomes()
    {
        var parsed = 0;
        var failed = 0;
        foreach (var body in ParserArbitraries.MutatedDescribeBodies().Generator.Sample(400, 30))
        {
            if (ParserHarness.Read(OperationModel.Describe, body.Bytes, body.ChunkSeed).Error is null)
            {
                parsed++;
            }
            else
            {
                failed++;
            }
        }

        // Mostly errors, but not only: some mutations (a BOM, a byte flipped inside a string) keep the body valid.
        Assert.True(failed >= 200 && parsed >= 20, $"{failed} of 400 mutated bodies were rejected, {parsed} parsed");
    }

    [Fact]
    public void TheRoundTripCheckNoticesAValueThatDoesNotLand()
    {
        // The check itself must be able to fail: a body whose value the typed object does not hold.
        var root = new JObject(new[] { new JMember("AutoMLJobName", "\"AutoMLJobName\"", new JLeaf("\"a\"", "string"), unknown: false) }, "structure");
        var wrong = new JObject(new[] { new JMember("AutoMLJobName", "\"AutoMLJobName\"", new JLeaf("\"b\"", "string"), unknown: false) }, "structure");
        var (value, _) = ParserHarness.Read(OperationModel.Describe, Encoding.UTF8.GetBytes(wrong.ToJson()), 0);

        Assert.Throws<XunitException>(() => AssertSameLeaves(OperationModel.Describe, root, value!));
    }

    [Fact]
    public void AnExceptionOtherThanTheParseErrorFailsTheProperty()
    {
        // The harness must report what escapes, not swallow it.
        var escaped = Assert.Throws<XunitException>(() => ParserHarness.Classify(OperationModel.Describe, () => throw new IndexOutOfRangeException("probe")));
        Assert.Contains("System.IndexOutOfRangeException escaped the parser: probe", escaped.Message, StringComparison.Ordinal);

        var error = new AutoMLResponseParseException("The DescribeAutoMLJobV2 response is not valid: probe");
        Assert.Same(error, ParserHarness.Classify(OperationModel.Describe, () => throw error).Error);
    }

    private static void AssertRoundTrip(GeneratedBody body)
    {
        try
        {
            using var valid = JsonDocument.Parse(body.Json);
        }
        catch (JsonException e)
        {
            throw new XunitException("The generator wrote invalid JSON (a bug of the test, not of the parser): " + e.Message);
        }

        // One case in CarrierEvery reads with run-time carrier classes, the others with the
        // note-property fallback: both must keep every member, and the run stays well within
        // CarrierTypes.MostTypes (each made-up list of member names makes a class).
        var carriers = Interlocked.Increment(ref roundTrips) % CarrierEvery == 0;
        var (value, error) = ParserHarness.Read(body.Operation, Encoding.UTF8.GetBytes(body.Json), body.ChunkSeed, carriers);
        if (error is not null)
        {
            throw new XunitException($"A valid body was rejected: {error.Message}");
        }

        AssertSameLeaves(body.Operation, body.Root, value!);

        var lost = NewerMemberCheck.Problems(body.Root, value!);
        if (lost.Count > 0)
        {
            throw new XunitException("Members the model does not have were not kept:\n" + string.Join("\n", lost.Take(20)));
        }
    }

    /// <summary>Every member of the body the model knows is in the typed object with its value, and nothing else is set (WireComparer, strict).</summary>
    private static void AssertSameLeaves(OperationModel operation, JNode root, object value)
    {
        using var expected = JsonDocument.Parse(root.StripUnknown().ToJson());
        var emptyUnions = new List<string>();
        JObject.EmptyUnionPaths(root, "$", emptyUnions);

        // A union that holds only members the model does not know may be read as null or as an empty object.
        var problems = WireComparer.Compare(expected.RootElement, value, ParserHarness.ClrType(operation), allowUnknownMembers: false)
            .Where(p => !emptyUnions.Any(u => p.StartsWith(u + ": the body has {}", StringComparison.Ordinal) && p.EndsWith("property is null", StringComparison.Ordinal)))
            .ToList();
        if (problems.Count > 0)
        {
            throw new XunitException("The typed object differs from the body:\n" + string.Join("\n", problems.Take(20)));
        }
    }

    private static void AssertParseErrorCarriesTheOperation(OperationModel operation, MalformedBody body)
    {
        var (_, error) = ParserHarness.Read(operation, body.Bytes, body.ChunkSeed);
        if (error is not null && (!error.Message.Contains(operation.Operation, StringComparison.Ordinal) || error.Kind != AutoMLErrorKind.InvalidResponse))
        {
            throw new XunitException($"The parse error does not say which response it is about, or has the wrong kind ({error.Kind}): {error.Message}");
        }
    }

    private static void Collect(JNode node, ModelShape shape, OperationModel model, HashSet<(string, string)> seen, HashSet<string> features)
    {
        if (node is not JObject obj)
        {
            return;
        }

        if (shape.IsUnion && obj.Members.All(m => m.Unknown))
        {
            features.Add("unknown-only union");
        }

        if (shape.IsUnion && obj.Members.Any(m => m.Name == "__type"))
        {
            features.Add("__type in union");
        }

        foreach (var member in obj.Members)
        {
            if (member.NameText != "\"" + member.Name + "\"")
            {
                features.Add("escaped name");
            }

            if (member.Unknown)
            {
                features.Add("unknown member");
                continue;
            }

            seen.Add((shape.Name, member.Name));
            var type = shape.Members.Single(m => m.Name == member.Name).Type;
            CollectValue(member.Value, type, model, seen, features);
        }
    }

    private static void CollectValue(JNode node, MemberType type, OperationModel model, HashSet<(string, string)> seen, HashSet<string> features)
    {
        switch (node)
        {
            case JLeaf { Text: "null" }:
                features.Add("null member");
                break;
            case JLeaf leaf when type.Enum is { } values && !values.Any(v => leaf.Text == "\"" + v + "\""):
                if (!values.Contains(JsonDocument.Parse(leaf.Text).RootElement.GetString()))
                {
                    features.Add("unknown enum value");
                }

                break;
            case JLeaf leaf when type.Type is "float" or "timestamp" && leaf.Text.Contains('E', StringComparison.OrdinalIgnoreCase):
                features.Add("exponent number");
                break;
            case JLeaf leaf when leaf.Text.Length > 2000:
                features.Add("long string");
                break;
            case JArray array:
                if (array.Items.Count == 0)
                {
                    features.Add("empty list");
                }

                foreach (var item in array.Items)
                {
                    CollectValue(item, type.Member!, model, seen, features);
                }

                break;
            case JObject map when type.Type == "map":
                foreach (var entry in map.Members)
                {
                    CollectValue(entry.Value, type.Value!, model, seen, features);
                }

                break;
            case JObject:
                Collect(node, model.Shapes[type.ShapeName], model, seen, features);
                break;
        }
    }
}
