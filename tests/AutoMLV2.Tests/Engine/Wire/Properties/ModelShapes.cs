namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AutoMLV2.Tests.Support;

/// <summary>A member's type as the official model states it (botocore's inline member description).</summary>
internal sealed class MemberType
{
    public MemberType(JsonElement element)
    {
        Type = element.GetProperty("type").GetString()!;
        ShapeName = element.GetProperty("shape").GetString()!;
        Enum = element.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToArray() : null;
        Member = element.TryGetProperty("member", out var member) ? new MemberType(member) : null;
        Key = element.TryGetProperty("key", out var key) ? new MemberType(key) : null;
        Value = element.TryGetProperty("value", out var value) ? new MemberType(value) : null;
    }

    /// <summary>string, integer, float, boolean, timestamp, list, map, structure or union.</summary>
    public string Type { get; }

    public string ShapeName { get; }

    public string[]? Enum { get; }

    public MemberType? Member { get; }

    public MemberType? Key { get; }

    public MemberType? Value { get; }
}

internal sealed class ShapeMember
{
    public ShapeMember(string name, MemberType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public MemberType Type { get; }
}

/// <summary>A structure or union of the official model.</summary>
internal sealed class ModelShape
{
    public ModelShape(string name, JsonElement element)
    {
        Name = name;
        IsUnion = element.GetProperty("type").GetString() == "union";
        Members = element.GetProperty("members").EnumerateObject().Select(m => new ShapeMember(m.Name, new MemberType(m.Value))).ToArray();
    }

    public string Name { get; }

    public bool IsUnion { get; }

    public ShapeMember[] Members { get; }
}

/// <summary>The shapes of one operation's output, read from tests/conformance/sagemaker-shapes.json.</summary>
internal sealed class OperationModel
{
    public static readonly OperationModel Describe = new("DescribeAutoMLJobV2");

    public static readonly OperationModel List = new("ListAutoMLJobs");

    private OperationModel(string operation)
    {
        Operation = operation;
        Shapes = ServiceModel.Shapes(operation).ToDictionary(s => s.Name, s => new ModelShape(s.Name, s.Shape), StringComparer.Ordinal);
        Root = Shapes[ServiceModel.OutputShape(operation)];
    }

    public string Operation { get; }

    public ModelShape Root { get; }

    public IReadOnlyDictionary<string, ModelShape> Shapes { get; }

    /// <summary>Every member name of every shape: generated unknown members must not collide with one.</summary>
    public IEnumerable<string> AllMemberNames => Shapes.Values.SelectMany(s => s.Members).Select(m => m.Name);
}
