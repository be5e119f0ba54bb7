namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

/// <summary>
/// Response bodies generated from the official model (sagemaker-shapes.json): for each structure a
/// random subset of its members in random order, sometimes a JSON null, sometimes members the model
/// does not have; a union with exactly one member, sometimes a member the model does not have,
/// sometimes a <c>__type</c> key; lists of 0–5 items, maps of 0–4 entries; the scalars of
/// <see cref="LeafGenerators"/>.
/// </summary>
internal sealed class ModelGenerators
{
    private static readonly ConcurrentDictionary<string, ModelGenerators> ByOperation = new();

    private readonly OperationModel model;
    private readonly Dictionary<string, Gen<JNode>> shapes = new(StringComparer.Ordinal);
    private readonly HashSet<string> knownNames;

    private ModelGenerators(OperationModel model)
    {
        this.model = model;
        knownNames = new HashSet<string>(model.AllMemberNames, StringComparer.Ordinal);
        Document = Shape(model.Root);
    }

    public static ModelGenerators Describe => For(OperationModel.Describe);

    public static ModelGenerators List => For(OperationModel.List);

    public OperationModel Model => model;

    /// <summary>A whole response body of the operation.</summary>
    public Gen<JNode> Document { get; }

    private static ModelGenerators For(OperationModel model) => ByOperation.GetOrAdd(model.Operation, _ => new ModelGenerators(model));

    private Gen<JNode> Shape(ModelShape shape)
    {
        if (!shapes.TryGetValue(shape.Name, out var gen))
        {
            gen = shape.IsUnion ? Union(shape) : Structure(shape);
            shapes[shape.Name] = gen;
        }

        return gen;
    }

    private Gen<JNode> Value(MemberType type) => type.Type switch
    {
        "string" => LeafGenerators.String(type.Enum),
        "integer" => LeafGenerators.Integer,
        "float" or "double" => LeafGenerators.Float,
        "boolean" => LeafGenerators.Boolean,
        "timestamp" => LeafGenerators.Timestamp,
        "list" => Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Value(type.Member!), n)).Select(items => (JNode)new JArray(items, "list")),
        "map" => Map(type),
        "structure" or "union" => Shape(model.Shapes[type.ShapeName]),
        _ => throw new NotSupportedException($"The generator does not know the model type '{type.Type}' ({type.ShapeName})."),
    };

    private Gen<JNode> Map(MemberType type)
    {
        // Map keys are data: any string, including the serializer's metadata names.
        var anyKey = Gen.Frequency((9, LeafGenerators.Text), (1, Gen.Elements("$id", "$ref", "$type", "$values", "__type")));
        var key = type.Key!.Enum is { } keys ? Gen.Frequency((3, Gen.Elements(keys)), (1, anyKey)) : anyKey;
        var entry =
            from k in key
            from seed in Gen.Choose(0, int.MaxValue)
            from share in Gen.Elements(0, 0, 10)
            from v in Value(type.Value!)
            select new JMember(k, LeafGenerators.Quote(k, seed, share), v, unknown: false);
        return Gen.Choose(0, 4)
            .SelectMany(n => Gen.ArrayOf(entry, n))
            .Select(entries => (JNode)new JObject(entries.GroupBy(e => e.Name, StringComparer.Ordinal).Select(g => g.First()).ToArray(), "map"));
    }

    private Gen<JNode> Structure(ModelShape shape)
    {
        var member = shape.Members.Select(m =>
            from name in LeafGenerators.Name(m.Name)
            from value in Gen.Frequency((19, Value(m.Type)), (1, Gen.Constant((JNode)new JLeaf("null", m.Type.Type))))
            select new JMember(name.Name, name.Literal, value, unknown: false)).ToArray();

        return
            from chosen in Gen.Frequency((4, Gen.SubListOf(Enumerable.Range(0, member.Length)).Select(l => l.ToArray())), (1, Gen.Constant(Enumerable.Range(0, member.Length).ToArray())))
            from known in Gen.CollectToArray(chosen, i => member[i])
            from unknown in Gen.Frequency((3, Gen.Constant(Array.Empty<JMember>())), (1, UnknownMembers()))
            from ordered in Gen.Shuffle(known.Concat(unknown))
            select (JNode)new JObject(ordered, "structure");
    }

    private Gen<JNode> Union(ModelShape shape)
    {
        var known = Gen.Elements(shape.Members).SelectMany(m =>
            from name in LeafGenerators.Name(m.Name)
            from value in Value(m.Type)
            select new[] { new JMember(name.Name, name.Literal, value, unknown: false) });
        var unknownOnly = UnknownMember().Select(m => new[] { m });
        var typeKey =
            from value in Gen.Elements("com.amazonaws.sagemaker#" + shape.Name, shape.Name, "VideoClassificationJobConfig", string.Empty)
            select new JMember("__type", "\"__type\"", new JLeaf(LeafGenerators.Quote(value, 0, 0), "unknown"), unknown: true);

        return
            from members in Gen.Frequency((5, known), (1, unknownOnly))
            from withType in Gen.Frequency((3, Gen.Constant(members)), (1, typeKey.Select(t => members.Append(t).ToArray())))
            from ordered in Gen.Shuffle(withType)
            select (JNode)new JObject(ordered, "union");
    }

    private Gen<JMember[]> UnknownMembers() =>
        Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(UnknownMember(), n))
            .Select(members => members.GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => g.First()).ToArray());

    /// <summary>A member the model does not have: a future member, an other-case spelling of a known one, any name.</summary>
    private Gen<JMember> UnknownMember()
    {
        var names = Gen.Frequency(
            (3, from suffix in Gen.Choose(0, 99999) from stem in Gen.Elements("Future", "VideoClassificationJobConfig", "AutoMLJobNameV3", "Extra_", "x-amzn-") select stem + suffix),
            (1, Gen.Elements(knownNames.ToArray()).Select(n => n.ToLowerInvariant())),
            (1, Gen.Elements(knownNames.ToArray()).Select(n => n.ToUpperInvariant())),
            (1, Gen.Elements("$id", "$ref", "$type", "$values", "__type", "")),
            (1, LeafGenerators.Text))
            .Where(n => !knownNames.Contains(n));
        return
            from name in names
            from seed in Gen.Choose(0, int.MaxValue)
            from value in LeafGenerators.AnyValue(3)
            select new JMember(name, LeafGenerators.Quote(name, seed, 5), value, unknown: true);
    }
}
