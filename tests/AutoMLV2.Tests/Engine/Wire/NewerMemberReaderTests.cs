namespace AutoMLV2.Tests.Engine.Wire;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Numerics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMLV2.Engine.Client;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;
using Xunit.Sdk;

/// <summary>
/// Issue "Nothing lost": members the model does not know, at any depth, are kept on their objects
/// under their API names, reachable from PowerShell like known members, written by ConvertTo-Json
/// at their place, and listed as "Type.Member" for the Verbose line. Objects without any keep their
/// declared class.
/// </summary>
public sealed class NewerMemberReaderTests
{
    /// <summary>The tabular fixture with a newer member at each depth: top level, a structure, a list element, a union, a map value.</summary>
    private static string NewerAtEveryDepth()
    {
        var root = JsonNode.Parse(TestEnvironment.ReadFixture("describe-tabular.json"))!.AsObject();
        root["NewTopLevel"] = "arrived in 2027";
        root["OutputDataConfig"]!["NewStructureField"] = JsonNode.Parse("""{"Depth":2,"Tags":["a","b"]}""");
        root["AutoMLJobInputDataConfig"]![0]!["NewChannelField"] = JsonNode.Parse("""{"Shards":4}""");
        root["AutoMLProblemTypeConfigName"] = "Quantum";
        root["AutoMLProblemTypeConfig"] = JsonNode.Parse("""{"__type":"com.amazonaws.sagemaker#QuantumJobConfig","QuantumJobConfig":{"Qubits":5,"CompletionCriteria":{"MaxCandidates":3}}}""");
        root["BestCandidate"]!["InferenceContainerDefinitions"]!["CPU"]![0]!["NewContainerField"] = JsonNode.Parse("[1,2]");
        return root.ToJsonString();
    }

    [Fact]
    public void NewerMembersAtEveryDepthAreReachableFromPowerShellByTheirApiNames()
    {
        var job = Bodies.Describe(NewerAtEveryDepth());

        Assert.Equal("arrived in 2027", Ps("param($job) $job.NewTopLevel", job).Single().BaseObject);
        Assert.Equal(2, Ps("param($job) $job.OutputDataConfig.NewStructureField.Depth", job).Single().BaseObject);
        Assert.Equal("b", Ps("param($job) $job.OutputDataConfig.NewStructureField.Tags[1]", job).Single().BaseObject);
        Assert.Equal(4, Ps("param($job) $job.AutoMLJobInputDataConfig[0].NewChannelField.Shards", job).Single().BaseObject);
        Assert.Equal(5, Ps("param($job) $job.AutoMLProblemTypeConfig.QuantumJobConfig.Qubits", job).Single().BaseObject);
        Assert.Equal(3, Ps("param($job) $job.AutoMLProblemTypeConfig.QuantumJobConfig.CompletionCriteria.MaxCandidates", job).Single().BaseObject);
        Assert.Equal(new object[] { 1, 2 }, Ps("param($job) $job.BestCandidate.InferenceContainerDefinitions['CPU'][0].NewContainerField", job).Select(o => o.BaseObject));
        Assert.Equal(true, Ps("param($job) $job -is [AutoMLV2.Model.AutoMLJobV2] -and $job.AutoMLJobInputDataConfig[0] -is [AutoMLV2.Model.AutoMLJobChannel]", job).Single().BaseObject);
    }

    [Fact]
    public void EverythingTheModelKnowsIsStillReadAroundTheNewerMembers()
    {
        var json = NewerAtEveryDepth();
        var job = Bodies.Describe(json);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal("churn-tabular-2023-11", job.AutoMLJobName);
        Assert.Equal(0.8734, job.BestCandidate!.FinalAutoMLJobObjectiveMetric!.Value);
        Assert.Equal("s3://acme-ml-data/output/churn-tabular-2023-11/", job.OutputDataConfig!.S3OutputPath);
    }

    [Fact]
    public void TheNewerMembersAreListedOnceEachAsTypeDotMemberInOrdinalOrder()
    {
        Bodies.Describe(NewerAtEveryDepth(), out var newer);

        Assert.Equal(
            new[]
            {
                "AutoMLContainerDefinition.NewContainerField",
                "AutoMLJobChannel.NewChannelField",
                "AutoMLJobV2.NewTopLevel",
                "AutoMLOutputDataConfig.NewStructureField",
                "AutoMLProblemTypeConfig.QuantumJobConfig",
            },
            newer);
    }

    [Fact]
    public void ConvertToJsonWritesTheNewerMembersAtTheirPlace()
    {
        var job = Bodies.Describe(NewerAtEveryDepth());

        var text = (string)Ps("param($job) $job | ConvertTo-Json -Depth 20", job).Single().BaseObject;

        using var written = JsonDocument.Parse(text);
        var root = written.RootElement;
        Assert.Equal("arrived in 2027", root.GetProperty("NewTopLevel").GetString());
        Assert.Equal("b", root.GetProperty("OutputDataConfig").GetProperty("NewStructureField").GetProperty("Tags")[1].GetString());
        Assert.Equal(4, root.GetProperty("AutoMLJobInputDataConfig")[0].GetProperty("NewChannelField").GetProperty("Shards").GetInt32());
        Assert.Equal(3, root.GetProperty("AutoMLProblemTypeConfig").GetProperty("QuantumJobConfig").GetProperty("CompletionCriteria").GetProperty("MaxCandidates").GetInt32());
        Assert.False(root.GetProperty("AutoMLProblemTypeConfig").TryGetProperty("__type", out _));
        Assert.Equal(2, root.GetProperty("BestCandidate").GetProperty("InferenceContainerDefinitions").GetProperty("CPU")[0].GetProperty("NewContainerField")[1].GetInt32());
        Assert.Equal("validation", root.GetProperty("AutoMLJobInputDataConfig")[1].GetProperty("ChannelType").GetString());
        Assert.False(root.GetProperty("AutoMLJobInputDataConfig")[1].TryGetProperty("NewChannelField", out _));
    }

    [Fact]
    public void ValuesKeepTheirJsonKinds()
    {
        var job = Bodies.Describe("""
            {"AutoMLJobName":"values","S":"text","I":42,"L":5000000000,"Big":123456789012345678901234567890,
             "D":1.5,"E":1.5E300,"Huge":1e400,"Tiny":1e-400,"Zero":0.0,"T":true,"F":false,"N":null,
             "A":[1,"two",{"three":[3]},null,[[]]],"O":{"Nested":{"List":[{"A":1}]},"Empty":{}}}
            """);

        var members = NewerMembers.Of(job).ToDictionary(m => m.Key, m => m.Value);

        Assert.Equal("text", members["S"]);
        Assert.Equal(42, Assert.IsType<int>(members["I"]));
        Assert.Equal(5000000000L, Assert.IsType<long>(members["L"]));
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<BigInteger>(members["Big"]));
        Assert.Equal(1.5, Assert.IsType<double>(members["D"]));
        Assert.Equal(1.5E300, Assert.IsType<double>(members["E"]));
        Assert.Equal("1e400", members["Huge"]);
        Assert.Equal("1e-400", members["Tiny"]);
        Assert.Equal(0.0, Assert.IsType<double>(members["Zero"]));
        Assert.Equal(true, members["T"]);
        Assert.Equal(false, members["F"]);
        Assert.True(members.ContainsKey("N"));
        Assert.Null(members["N"]);

        var array = Assert.IsType<object?[]>(members["A"]);
        Assert.Equal(5, array.Length);
        Assert.Equal(new object?[] { 1, "two" }, array.Take(2));
        Assert.Equal(3, Ps("param($a) $a[2].three[0]", array).Single().BaseObject);
        Assert.Null(array[3]);
        Assert.Empty(Assert.IsType<object?[]>(Assert.IsType<object?[]>(array[4]).Single()));

        var structure = Assert.IsType<PSObject>(members["O"]);
        Assert.IsType<PSCustomObject>(structure.BaseObject);
        Assert.Equal(1, Ps("param($o) $o.Nested.List[0].A", structure).Single().BaseObject);
        Assert.Equal(new[] { "Nested", "Empty" }, structure.Properties.Select(p => p.Name));
        Assert.Empty(Assert.IsType<PSObject>(structure.Properties["Empty"].Value).Properties);
        Assert.Equal(new[] { "S", "I", "L", "Big", "D", "E", "Huge", "Tiny", "Zero", "T", "F", "N", "A", "O" }, NewerMembers.Of(job).Select(m => m.Key));
    }

    [Fact]
    public void TheTypeKeyOfAUnionIsNotAMember()
    {
        var job = Bodies.Describe("""
            {"AutoMLJobName":"typed","AutoMLProblemTypeConfig":{"__type":"com.amazonaws.sagemaker#TabularJobConfig","TabularJobConfig":{"ProblemType":"Regression"}},
             "ResolvedAttributes":{"AutoMLProblemTypeResolvedAttributes":{"TabularResolvedAttributes":{"ProblemType":"Regression"},"__type":"TabularResolvedAttributes"}}}
            """, out var newer);

        Assert.Empty(newer);
        Assert.Equal(typeof(AutoMLProblemTypeConfig), job.AutoMLProblemTypeConfig!.GetType());
        Assert.Equal(typeof(AutoMLProblemTypeResolvedAttributes), job.ResolvedAttributes!.AutoMLProblemTypeResolvedAttributes!.GetType());
        Assert.Empty(NewerMembers.Of(job.AutoMLProblemTypeConfig));
        Assert.Equal("Regression", job.AutoMLProblemTypeConfig.TabularJobConfig!.ProblemType);
    }

    [Fact]
    public void AUnionWhoseOnlyMemberIsNewerCarriesItAndNotItsTypeKey()
    {
        var job = Bodies.Describe(TestEnvironment.ReadFixture("describe-unknown-union.json"), out var newer);

        Assert.Equal(new[] { "AutoMLProblemTypeConfig.FutureJobConfig", "AutoMLProblemTypeResolvedAttributes.FutureResolvedAttributes" }, newer);
        Assert.Equal(new[] { "FutureJobConfig" }, NewerMembers.Of(job.AutoMLProblemTypeConfig).Select(m => m.Key));
        Assert.Equal(new object[] { "scratch", "dent" }, Ps("param($job) $job.AutoMLProblemTypeConfig.FutureJobConfig.Labels", job).Select(o => o.BaseObject));
        Assert.Equal(new object[] { 1, 2, 3 }, Ps("param($job) $job.AutoMLProblemTypeConfig.FutureJobConfig.Nested.Deeper.Deepest", job).Select(o => o.BaseObject));
        Assert.Equal(1200, Ps("param($job) $job.ResolvedAttributes.AutoMLProblemTypeResolvedAttributes.FutureResolvedAttributes.FrameCount", job).Single().BaseObject);
        Assert.Equal(true, Ps("param($job) $null -eq $job.AutoMLProblemTypeConfig.PSObject.Properties['__type']", job).Single().BaseObject);
    }

    [Theory]
    [InlineData("describe-tabular.json")]
    [InlineData("describe-timeseries.json")]
    [InlineData("describe-image-classification.json")]
    [InlineData("describe-text-classification.json")]
    [InlineData("describe-text-generation.json")]
    [InlineData("describe-unknown-enums.json")]
    public void ObjectsWithoutNewerMembersKeepTheirDeclaredClass(string fixture)
    {
        var job = Bodies.Describe(TestEnvironment.ReadFixture(fixture), out var newer);

        Assert.Empty(newer);
        var wrong = new List<string>();
        ExactTypes(job, typeof(AutoMLJobV2), "$", wrong);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void BesideAnObjectWithNewerMembersTheOthersKeepTheirDeclaredClass()
    {
        var job = Bodies.Describe(NewerAtEveryDepth());

        Assert.NotEqual(typeof(AutoMLJobChannel), job.AutoMLJobInputDataConfig![0].GetType());
        Assert.Equal(typeof(AutoMLJobChannel), job.AutoMLJobInputDataConfig[1].GetType());
        Assert.Equal(typeof(AutoMLDataSource), job.AutoMLJobInputDataConfig[0].DataSource!.GetType());
        Assert.Equal(typeof(AutoMLContainerDefinition), job.BestCandidate!.InferenceContainerDefinitions!["GPU"][0].GetType());
        Assert.Equal(typeof(AutoMLCandidate), job.BestCandidate.GetType());
        Assert.Empty(NewerMembers.Of(job.AutoMLJobInputDataConfig[1]));
    }

    [Fact]
    public void ACandidateKeepsItsNewerMembersInItsStepsMetricsAndContainerMaps()
    {
        // A candidate as ListCandidatesForAutoMLJob returns it, read here as the job's BestCandidate:
        // the same class, the same reader.
        var job = Bodies.Describe("""
            {"AutoMLJobName":"c","BestCandidate":{"CandidateName":"cand-1","NewCandidateField":{"Score":[0.1,0.2]},
             "CandidateSteps":[{"CandidateStepName":"s1","NewStepField":true},{"CandidateStepName":"s2"}],
             "CandidateProperties":{"CandidateMetrics":[{"MetricName":"F1","Value":0.5,"NewMetricField":"m"}],"NewPropertiesField":7},
             "InferenceContainerDefinitions":{"GPU":[{"Image":"i","NewContainerField":"c"}]}}}
            """, out var newer);

        Assert.Equal(
            new[] { "AutoMLCandidate.NewCandidateField", "AutoMLCandidateStep.NewStepField", "AutoMLContainerDefinition.NewContainerField", "CandidateProperties.NewPropertiesField", "MetricDatum.NewMetricField" },
            newer);
        Assert.Equal(0.2, Ps("param($job) $job.BestCandidate.NewCandidateField.Score[1]", job).Single().BaseObject);
        Assert.Equal(true, Ps("param($job) $job.BestCandidate.CandidateSteps[0].NewStepField", job).Single().BaseObject);
        Assert.Equal("m", Ps("param($job) $job.BestCandidate.CandidateProperties.CandidateMetrics[0].NewMetricField", job).Single().BaseObject);
        Assert.Equal(7, Ps("param($job) $job.BestCandidate.CandidateProperties.NewPropertiesField", job).Single().BaseObject);
        Assert.Equal("c", Ps("param($job) $job.BestCandidate.InferenceContainerDefinitions['GPU'][0].NewContainerField", job).Single().BaseObject);
        Assert.Equal("cand-1", job.BestCandidate!.CandidateName);
        Assert.Equal(0.5, job.BestCandidate.CandidateProperties!.CandidateMetrics![0].Value);
        Assert.Equal(typeof(AutoMLCandidateStep), job.BestCandidate.CandidateSteps![1].GetType());
    }

    [Fact]
    public void AListPageKeepsNewerMembersOfItsSummariesAndListsThoseOfTheResponseItself()
    {
        var page = Bodies.List("""
            {"AutoMLJobSummaries":[{"AutoMLJobName":"a","NewSummaryField":{"X":1},"PartialFailureReasons":[{"PartialFailureMessage":"p","Code":9}]},{"AutoMLJobName":"b"}],
             "NextToken":"t","TotalCount":7}
            """, out var newer);

        Assert.Equal(new[] { "AutoMLJobSummary.NewSummaryField", "AutoMLPartialFailureReason.Code", "ListAutoMLJobsResponse.TotalCount" }, newer);
        Assert.Equal(1, Ps("param($s) $s.NewSummaryField.X", page.AutoMLJobSummaries![0]).Single().BaseObject);
        Assert.Equal(9, Ps("param($s) $s.PartialFailureReasons[0].Code", page.AutoMLJobSummaries[0]).Single().BaseObject);
        Assert.Equal(new[] { "a", "b" }, page.AutoMLJobSummaries.Select(s => s.AutoMLJobName));
        Assert.Equal(typeof(AutoMLJobSummary), page.AutoMLJobSummaries[1].GetType());
        Assert.Equal("t", page.NextToken);
    }

    [Fact]
    public void TheSdkUnmarshallerHandsTheNewerMembersOnWithTheJob()
    {
        var response = new FakeResponseData(HttpStatusCode.OK, NewerAtEveryDepth());

        var result = Assert.IsType<DescribeAutoMLJobV2Response>(DescribeAutoMLJobV2ResponseUnmarshaller.Instance.Unmarshall(response.Context()));

        Assert.Contains("AutoMLJobV2.NewTopLevel", result.NewerMembers);
        Assert.Equal(5, result.NewerMembers.Count);
        Assert.Equal("arrived in 2027", NewerMembers.Of(result.Job).Single().Value);
    }

    [Fact]
    public void NamesAPropertyCannotHaveAreAttachedAsNotePropertiesOnTheObjectItself()
    {
        // "autoMLJobName" differs from a known member only in case: as a property it would make
        // $job.AutoMLJobName ambiguous, so the object keeps its class and carries notes instead.
        var job = Bodies.Describe("""{"AutoMLJobName":"known","autoMLJobName":"other case","Extra":{"A":1},"":"no name"}""", out var newer);

        Assert.Equal(typeof(AutoMLJobV2), job.GetType());
        Assert.Equal(new[] { "AutoMLJobV2.Extra", "AutoMLJobV2.autoMLJobName" }, newer);
        Assert.Equal(new[] { "autoMLJobName", "Extra" }, NewerMembers.Of(job).Select(m => m.Key));
        Assert.Equal(1, Ps("param($job) $job.Extra.A", job).Single().BaseObject);
        Assert.Equal("known", Ps("param($job) $job.AutoMLJobName", job).Single().BaseObject);
    }

    [Fact]
    public void TheSameNewerMembersOnTwoReadsShareOneCarrierClass()
    {
        var first = Bodies.Describe("""{"AutoMLJobName":"a","SharedNewMember":1}""");
        var second = Bodies.Describe("""{"AutoMLJobName":"b","SharedNewMember":2}""");

        Assert.Same(first.GetType(), second.GetType());
        Assert.Equal(2, NewerMembers.Of(second).Single().Value);
        Assert.Equal(typeof(AutoMLJobV2), first.GetType().BaseType);
        Assert.StartsWith("AutoMLV2.NewerMembers.AutoMLJobV2", first.GetType().FullName, StringComparison.Ordinal);
    }

    /// <summary>Every object under <paramref name="value"/> whose class is not exactly its property's declared class.</summary>
    private static void ExactTypes(object? value, Type declared, string path, List<string> wrong)
    {
        if (value is null || value is string || value.GetType().IsValueType)
        {
            return;
        }

        if (value is IDictionary map)
        {
            foreach (DictionaryEntry entry in map)
            {
                ExactTypes(entry.Value, declared.GetGenericArguments()[1], $"{path}[{entry.Key}]", wrong);
            }

            return;
        }

        if (value is Array array)
        {
            for (var i = 0; i < array.Length; i++)
            {
                ExactTypes(array.GetValue(i), declared.GetElementType()!, $"{path}[{i}]", wrong);
            }

            return;
        }

        if (value.GetType() != declared || NewerMembers.Of(value).Count > 0)
        {
            wrong.Add($"{path}: {value.GetType().FullName}, declared {declared.FullName}, {NewerMembers.Of(value).Count} newer member(s)");
        }

        foreach (var property in declared.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            ExactTypes(property.GetValue(value), property.PropertyType, path + "." + property.Name, wrong);
        }
    }

    /// <summary>Runs <paramref name="script"/> in a new runspace with <paramref name="argument"/>; a script error fails the test.</summary>
    private static List<PSObject> Ps(string script, object argument)
    {
        using var shell = PowerShell.Create();
        shell.AddScript(script).AddArgument(argument);
        var output = shell.Invoke().ToList();
        if (shell.HadErrors)
        {
            throw new XunitException(script + ": " + string.Join("\n", shell.Streams.Error));
        }

        return output;
    }
}
