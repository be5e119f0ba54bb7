namespace AutoMLV2.Tests.Engine.Client;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using AutoMLV2.Engine.Client;
using AutoMLV2.Engine.Wire;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// ListCandidatesForAutoMLJob pages (Fixtures/make_fixtures.py, checked against the official model)
/// through the engine's real body reader: every member lands, unknown values are kept, unknown
/// members are skipped, and what the leaderboard adds to a candidate is never read from a response.
/// </summary>
public sealed class CandidateUnmarshallingTests
{
    [Fact]
    public void EveryMemberOfACompletePageLandsInItsPropertyWithItsValue()
    {
        var json = TestEnvironment.ReadFixture("candidates-page-1.json");
        var page = Bodies.Candidates(json);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, page, typeof(ListCandidatesForAutoMLJobResult), allowUnknownMembers: false);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(4, page.Candidates!.Length);
        Assert.StartsWith("eyJGaW5hbE9iamVjdGl2ZU1ldHJpY1ZhbHVlIjow", page.NextToken);
    }

    [Fact]
    public void TheFirstCandidateFillsEveryMemberOfEveryShapeOfTheOperation()
    {
        var seen = new HashSet<(string Type, string Member)>();
        WireComparer.CollectSet(Bodies.Candidates(TestEnvironment.ReadFixture("candidates-page-1.json")).Candidates![0], seen);

        var missing = ServiceModel.Unfilled("ListCandidatesForAutoMLJob", seen, shape => shape == "ListCandidatesForAutoMLJobResponse" ? null : shape);

        Assert.True(missing.Count == 0, "Members the fixture does not fill (or that do not unmarshal): " + string.Join(", ", missing));
    }

    [Fact]
    public void ValuesLandWhereExpected()
    {
        var candidates = Bodies.Candidates(TestEnvironment.ReadFixture("candidates-page-1.json")).Candidates!;
        var best = candidates[0];

        Assert.Equal("churn-tabular-2023-11-hpo-017-7a1d3a1c", best.CandidateName);
        Assert.Equal(0.8734, best.FinalAutoMLJobObjectiveMetric!.Value);
        Assert.Equal("Maximize", best.FinalAutoMLJobObjectiveMetric.Type);
        Assert.Equal(new DateTime(2023, 11, 24, 11, 23, 32, 500, DateTimeKind.Utc), best.CreationTime!.Value.ToUniversalTime());
        Assert.Equal(DateTimeKind.Local, best.CreationTime.Value.Kind);
        Assert.Equal(1.25E-4, best.CandidateProperties!.CandidateMetrics!.Single(m => m.StandardMetricName == "InferenceLatency").Value);
        Assert.Equal(new[] { "CPU", "GPU" }, best.InferenceContainerDefinitions!.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new DateTime(2023, 11, 24, 11, 43, 20, DateTimeKind.Utc), candidates[1].EndTime!.Value.ToUniversalTime()); // 1.7008262E9

        var failed = candidates[3];
        Assert.Equal("Failed", failed.CandidateStatus);
        Assert.Null(failed.FinalAutoMLJobObjectiveMetric);
        Assert.Null(failed.EndTime);
        Assert.StartsWith("AlgorithmError:", failed.FailureReason);
    }

    [Fact]
    public void UnknownValuesAreKeptAsStringsAndUnknownMembersAreSkippedOnTheLastPage()
    {
        var json = TestEnvironment.ReadFixture("candidates-page-2.json");
        var page = Bodies.Candidates(json);
        var paused = Assert.Single(page.Candidates!);

        Assert.Null(page.NextToken);
        Assert.Equal("Paused", paused.CandidateStatus);
        Assert.Equal("Deferred", paused.ObjectiveStatus);
        Assert.Equal("Balance", paused.FinalAutoMLJobObjectiveMetric!.Type);
        Assert.Equal("validation:f1_binary", paused.FinalAutoMLJobObjectiveMetric.MetricName);
        Assert.Equal("AWS::SageMaker::HyperPodJob", paused.CandidateSteps![0].CandidateStepType);
        Assert.Equal("Holdout", paused.CandidateProperties!.CandidateMetrics!.Last().Set);
        Assert.Contains("TPU", paused.InferenceContainerDefinitions!.Keys);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, page, typeof(ListCandidatesForAutoMLJobResult), allowUnknownMembers: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void RankAndJobNameInABodyAreNotReadTheyAreTheLeaderboardsOwn()
    {
        var page = Bodies.Candidates("""{"Candidates":[{"CandidateName":"c1","Rank":7,"AutoMLJobName":"someone-else","Duration":"1h","FinalAutoMLJobObjectiveMetric":{"MetricName":"F1","Value":0.5}}]}""");

        var candidate = Assert.Single(page.Candidates!);
        Assert.Equal("c1", candidate.CandidateName);
        Assert.Null(candidate.Rank);
        Assert.Null(candidate.AutoMLJobName);
        Assert.Equal(0.5, candidate.FinalAutoMLJobObjectiveMetric!.Value);
    }

    [Fact]
    public void TheFullSdkUnmarshallerPathGivesTheSamePage()
    {
        var json = TestEnvironment.ReadFixture("candidates-page-1.json");
        var response = new FakeResponseData(HttpStatusCode.OK, json, headers: new Dictionary<string, string> { ["x-amzn-RequestId"] = "7f9c2a1e-0000-4000-8000-000000000002" });

        var result = ListCandidatesForAutoMLJobResponseUnmarshaller.Instance.Unmarshall(response.Context());

        var page = Assert.IsType<ListCandidatesForAutoMLJobResponse>(result).Result;
        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, page, typeof(ListCandidatesForAutoMLJobResult), allowUnknownMembers: false);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("""{"Candidates":{"CandidateName":"c1"}}""", "$.Candidates")]
    [InlineData("""{"Candidates":[{"FinalAutoMLJobObjectiveMetric":{"Value":"high"}}]}""", "$.Candidates[0].FinalAutoMLJobObjectiveMetric.Value")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "ListCandidatesForAutoMLJob")]
    public void ABodyThatIsNotAValidPageIsAParseErrorSayingWhere(string body, string expectedInMessage)
    {
        var error = Assert.Throws<AutoMLResponseParseException>(() => Bodies.Candidates(body));

        Assert.Contains(expectedInMessage, error.Message);
        Assert.Equal(AutoMLErrorKind.InvalidResponse, error.Kind);
    }
}
