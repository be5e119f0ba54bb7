namespace AutoMLV2.Tests.Model;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using AutoMLV2.Engine.Wire;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// Our C# model against the official SageMaker model (tests/conformance/sagemaker-shapes.json):
/// every member of every structure and union the three operations return must exist, with a CLR
/// type that can hold the model type. Failures name every member at once.
/// </summary>
public sealed class ConformanceTests
{
    private static readonly Assembly ModelAssembly = typeof(AutoMLJobV2).Assembly;

    [Theory]
    [InlineData("DescribeAutoMLJobV2")]
    [InlineData("ListAutoMLJobs")]
    [InlineData("ListCandidatesForAutoMLJob")]
    public void EveryModelMemberHasAPropertyOfAFittingType(string operation)
    {
        var problems = Check(ServiceModel.Shapes(operation));

        Assert.True(problems.Count == 0, $"{problems.Count} conformance problem(s) against {ServiceModel.Source}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCheckNamesMissingAndMistypedMembersAndUnknownShapes()
    {
        // A model that differs from ours in every way the check must notice.
        using var document = JsonDocument.Parse("""
            {
              "AutoMLJobCompletionCriteria": { "type": "structure", "members": {
                "MaxCandidates": { "shape": "MaxCandidates", "type": "long" },
                "MaxRuntimePerTrainingJobInSeconds": { "shape": "Seconds", "type": "integer" },
                "MaxAutoMLJobRuntimeInSeconds": { "shape": "Seconds", "type": "integer" },
                "MaxTokens": { "shape": "MaxTokens", "type": "integer" } } },
              "VpcConfig": { "type": "structure", "members": {
                "SecurityGroupIds": { "shape": "Ids", "type": "list", "member": { "shape": "Id", "type": "integer" } },
                "Subnets": { "shape": "Subnets", "type": "map", "key": { "shape": "K", "type": "string" }, "value": { "shape": "V", "type": "string" } } } },
              "AutoMLJobObjective": { "type": "structure", "members": {
                "MetricName": { "shape": "AutoMLJobCompletionCriteria", "type": "structure" } } },
              "FutureShape": { "type": "structure", "members": {} }
            }
            """);

        var problems = Check(document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value)).ToList());

        Assert.Contains(problems, p => p.StartsWith("AutoMLJobCompletionCriteria.MaxCandidates:", StringComparison.Ordinal) && p.Contains("int?") && p.Contains("long?"));
        Assert.Contains(problems, p => p.StartsWith("AutoMLJobCompletionCriteria.MaxTokens:", StringComparison.Ordinal) && p.Contains("no property"));
        Assert.Contains(problems, p => p.StartsWith("VpcConfig.SecurityGroupIds:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("VpcConfig.Subnets:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AutoMLJobObjective.MetricName:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FutureShape:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("AutoMLJobCompletionCriteria.MaxRuntimePerTrainingJobInSeconds", StringComparison.Ordinal));
        Assert.Equal(6, problems.Count);
    }

    /// <summary>Every way the C# model differs from <paramref name="shapes"/>, one line each.</summary>
    private static List<string> Check(IEnumerable<(string Name, JsonElement Shape)> shapes)
    {
        var problems = new List<string>();
        foreach (var (shapeName, shape) in shapes)
        {
            var clr = ClrType(shapeName);
            if (clr is null)
            {
                problems.Add($"{shapeName}: no class AutoMLV2.Model.{shapeName}");
                continue;
            }

            foreach (var member in shape.GetProperty("members").EnumerateObject())
            {
                var property = clr.GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance);
                if (property is null)
                {
                    problems.Add($"{shapeName}.{member.Name}: {clr.FullName} has no property {member.Name} (model type {Describe(member.Value)})");
                }
                else if (property.SetMethod is null)
                {
                    problems.Add($"{shapeName}.{member.Name}: {clr.Name}.{member.Name} has no setter, so it can never be read from a response");
                }
                else if (!Fits(property.PropertyType, member.Value, topLevel: true))
                {
                    problems.Add($"{shapeName}.{member.Name}: {clr.Name}.{member.Name} is {TypeName(property.PropertyType)}, the model says {Describe(member.Value)} (expected {Expected(member.Value, true)})");
                }
            }

            var modelMembers = shape.GetProperty("members").EnumerateObject().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in clr.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && !modelMembers.Contains(p.Name)))
            {
                problems.Add($"{shapeName}: {clr.Name}.{extra.Name} is not a member of the model; no response can fill it");
            }
        }

        return problems;
    }

    [Fact]
    public void TheModelHasTheShapeCountsTheIssueStates()
    {
        var describe = ServiceModel.Shapes("DescribeAutoMLJobV2");
        var output = describe.Single(s => s.Name == ServiceModel.OutputShape("DescribeAutoMLJobV2")).Shape;

        Assert.Equal("DescribeAutoMLJobV2Response", ServiceModel.OutputShape("DescribeAutoMLJobV2"));
        Assert.Equal(23, output.GetProperty("members").EnumerateObject().Count());
        Assert.Equal(37, describe.Count(s => s.Shape.GetProperty("type").GetString() == "structure"));
        Assert.Equal(2, describe.Count(s => s.Shape.GetProperty("type").GetString() == "union"));
        Assert.Equal(
            new[] { "AutoMLProblemTypeConfig", "AutoMLProblemTypeResolvedAttributes" },
            describe.Where(s => s.Shape.GetProperty("type").GetString() == "union").Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(23, typeof(AutoMLJobV2).GetProperties().Count(p => p.SetMethod is { IsPublic: true }));
    }

    [Theory]
    [InlineData("DescribeAutoMLJobV2")]
    [InlineData("ListAutoMLJobs")]
    public void TheModelClassesMarkedAsUnionsAreExactlyTheUnionsOfTheModel(string operation)
    {
        // The wire reader drops a union's __type key by this mark (NewerMemberReader).
        var shapes = ServiceModel.Shapes(operation);
        var unions = shapes.Where(s => s.Shape.GetProperty("type").GetString() == "union").Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal);
        var marked = shapes.Select(s => ClrType(s.Name)).Where(t => t is not null && NewerMembers.IsUnion(t)).Select(t => t!.Name).OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(unions, marked);
    }

    [Fact]
    public void WhatTheLeaderboardAddsToACandidateIsPublicToReadAndNoWireMember()
    {
        // AutoMLJobName, Rank and Duration are ours: readable by everyone, settable by no response.
        // The check above skips them only because their setters are not public; were one made
        // public, it would name it as "not a member of the model".
        var added = new[] { "AutoMLJobName", "Rank", "Duration" };
        var candidateShape = ServiceModel.Shapes("ListCandidatesForAutoMLJob").Single(s => s.Name == "AutoMLCandidate").Shape;
        var modelMembers = candidateShape.GetProperty("members").EnumerateObject().Select(m => m.Name).ToList();

        Assert.Equal(12, modelMembers.Count);
        foreach (var name in added)
        {
            var property = typeof(AutoMLCandidate).GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Assert.NotNull(property);
            Assert.True(property!.SetMethod is null or { IsPublic: false }, name + " must not be publicly settable");
            Assert.DoesNotContain(name, modelMembers);
        }

        Assert.Equal(
            modelMembers.OrderBy(n => n, StringComparer.Ordinal),
            typeof(AutoMLCandidate).GetProperties().Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryModelClassIsSerializableByTheWireContext()
    {
        // The source-generated context must know every class the responses can contain, or
        // a member of that type is silently dropped at run time.
        var missing = new List<string>();
        foreach (var operation in new[] { "DescribeAutoMLJobV2", "ListAutoMLJobs", "ListCandidatesForAutoMLJob" })
        {
            foreach (var (shapeName, _) in ServiceModel.Shapes(operation))
            {
                if (ClrType(shapeName) is { } clr && WireJsonContext.Default.GetTypeInfo(clr) is null)
                {
                    missing.Add(clr.FullName!);
                }
            }
        }

        Assert.True(missing.Count == 0, "Not in WireJsonContext: " + string.Join(", ", missing));
    }

    private static Type? ClrType(string shapeName) => shapeName switch
    {
        "DescribeAutoMLJobV2Response" => typeof(AutoMLJobV2),
        "ListAutoMLJobsResponse" => typeof(ListAutoMLJobsResult),
        "ListCandidatesForAutoMLJobResponse" => typeof(ListCandidatesForAutoMLJobResult),
        _ => ModelAssembly.GetType("AutoMLV2.Model." + shapeName),
    };

    /// <summary>Whether <paramref name="type"/> can hold the model type <paramref name="member"/>.</summary>
    private static bool Fits(Type type, JsonElement member, bool topLevel)
    {
        var kind = member.GetProperty("type").GetString();
        switch (kind)
        {
            case "string":
                return type == typeof(string);
            case "integer":
                return type == (topLevel ? typeof(int?) : typeof(int)) || type == typeof(int?);
            case "long":
                return type == (topLevel ? typeof(long?) : typeof(long)) || type == typeof(long?);
            case "float":
            case "double":
                return type == (topLevel ? typeof(double?) : typeof(double)) || type == typeof(double?);
            case "boolean":
                return type == (topLevel ? typeof(bool?) : typeof(bool)) || type == typeof(bool?);
            case "timestamp":
                return type == (topLevel ? typeof(DateTime?) : typeof(DateTime)) || type == typeof(DateTime?);
            case "list":
                return type.IsArray && type.GetArrayRank() == 1 && Fits(type.GetElementType()!, member.GetProperty("member"), topLevel: false);
            case "map":
                return type.IsGenericType
                    && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                    && type.GetGenericArguments()[0] == typeof(string)
                    && Fits(type.GetGenericArguments()[1], member.GetProperty("value"), topLevel: false);
            case "structure":
            case "union":
                return type == ClrType(member.GetProperty("shape").GetString()!);
            default:
                return false;
        }
    }

    private static string Expected(JsonElement member, bool topLevel)
    {
        var kind = member.GetProperty("type").GetString();
        return kind switch
        {
            "string" => "string",
            "integer" => topLevel ? "int?" : "int",
            "long" => topLevel ? "long?" : "long",
            "float" or "double" => topLevel ? "double?" : "double",
            "boolean" => topLevel ? "bool?" : "bool",
            "timestamp" => topLevel ? "DateTime?" : "DateTime",
            "list" => Expected(member.GetProperty("member"), false) + "[]",
            "map" => "Dictionary<string, " + Expected(member.GetProperty("value"), false) + ">",
            _ => member.GetProperty("shape").GetString()!,
        };
    }

    private static string Describe(JsonElement member)
        => member.GetProperty("type").GetString() + " " + member.GetProperty("shape").GetString();

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            return type.Name.Substring(0, type.Name.IndexOf('`')) + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return type == typeof(int) ? "int"
            : type == typeof(long) ? "long"
            : type == typeof(double) ? "double"
            : type == typeof(bool) ? "bool"
            : type == typeof(string) ? "string"
            : type.Name;
    }
}
