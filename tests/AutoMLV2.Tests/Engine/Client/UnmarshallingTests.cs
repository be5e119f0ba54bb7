namespace AutoMLV2.Tests.Engine.Client;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using AutoMLV2.Engine.Client;
using AutoMLV2.Engine.Wire;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// The fixtures (Fixtures/make_fixtures.py: complete responses per problem type, checked against
/// the official model) read through the engine's real body reader: every member must land in its
/// typed property with its value.
/// </summary>
public sealed class UnmarshallingTests
{
    public static readonly TheoryData<string, string> CompleteFixtures = new()
    {
        { "describe-tabular.json", nameof(AutoMLProblemTypeConfig.TabularJobConfig) },
        { "describe-timeseries.json", nameof(AutoMLProblemTypeConfig.TimeSeriesForecastingJobConfig) },
        { "describe-image-classification.json", nameof(AutoMLProblemTypeConfig.ImageClassificationJobConfig) },
        { "describe-text-classification.json", nameof(AutoMLProblemTypeConfig.TextClassificationJobConfig) },
        { "describe-text-generation.json", nameof(AutoMLProblemTypeConfig.TextGenerationJobConfig) },
    };

    [Theory]
    [MemberData(nameof(CompleteFixtures))]
    public void EveryMemberOfTheBodyLandsInItsPropertyWithItsValue(string fixture, string unionMember)
    {
        var json = TestEnvironment.ReadFixture(fixture);
        var job = Bodies.Describe(json);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: false);
        Assert.True(problems.Count == 0, fixture + ":\n" + string.Join("\n", problems));

        Assert.Equal(23, document.RootElement.EnumerateObject().Count());
        var setUnionMembers = typeof(AutoMLProblemTypeConfig).GetProperties().Where(p => p.GetValue(job.AutoMLProblemTypeConfig) is not null).Select(p => p.Name).ToArray();
        Assert.Equal(new[] { unionMember }, setUnionMembers);
    }

    [Theory]
    [MemberData(nameof(CompleteFixtures))]
    public void TheFullSdkUnmarshallerPathGivesTheSameJob(string fixture, string unionMember)
    {
        _ = unionMember;
        var json = TestEnvironment.ReadFixture(fixture);
        var response = new FakeResponseData(HttpStatusCode.OK, json, headers: new Dictionary<string, string> { ["x-amzn-RequestId"] = "7f9c2a1e-0000-4000-8000-000000000001" });

        var result = DescribeAutoMLJobV2ResponseUnmarshaller.Instance.Unmarshall(response.Context());

        var job = Assert.IsType<DescribeAutoMLJobV2Response>(result).Job;
        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: false);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TogetherTheFixturesFillEveryMemberOfEveryShapeInTheModel()
    {
        var seen = new HashSet<(string Type, string Member)>();
        foreach (var row in CompleteFixtures)
        {
            WireComparer.CollectSet(Bodies.Describe(TestEnvironment.ReadFixture((string)row[0])), seen);
        }

        var missing = ServiceModel.Unfilled("DescribeAutoMLJobV2", seen, shape => shape == "DescribeAutoMLJobV2Response" ? nameof(AutoMLJobV2) : shape);

        Assert.True(missing.Count == 0, "Members no fixture fills (or that do not unmarshal): " + string.Join(", ", missing));
    }

    [Fact]
    public void TheComparerNoticesWrongMissingAndPhantomValues()
    {
        using var document = JsonDocument.Parse("""
            {"AutoMLJobName":"a","CreationTime":1700822400.5,"DataSplitConfig":{"ValidationFraction":0.2},
             "BestCandidate":{"InferenceContainerDefinitions":{"CPU":[{"Image":"i"}]}},"RoleArn":"r","FutureMember":1}
            """);
        var job = new AutoMLJobV2
        {
            AutoMLJobName = "b",                                                           // wrong value
            CreationTime = WireComparer.LocalTime(1700822400.5).AddMilliseconds(1),          // wrong instant
            DataSplitConfig = new AutoMLDataSplitConfig { ValidationFraction = 0.25 },      // wrong number
            BestCandidate = new AutoMLCandidate { InferenceContainerDefinitions = new() { ["GPU"] = new[] { new AutoMLContainerDefinition { Image = "i" } } } },
            FailureReason = "phantom",                                                      // not in the body
        };

        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: false);

        Assert.Contains(problems, p => p.StartsWith("$.AutoMLJobName:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.CreationTime:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.DataSplitConfig.ValidationFraction:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("key 'CPU' is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("key 'GPU'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.RoleArn:", StringComparison.Ordinal) && p.Contains("is null", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.FailureReason:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.FutureMember:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("$.FutureMember:", StringComparison.Ordinal) && WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: true).Contains(p));
    }

    [Fact]
    public void TabularValuesLandWhereExpected()
    {
        var job = Bodies.Describe(TestEnvironment.ReadFixture("describe-tabular.json"));

        Assert.Equal("churn-tabular-2023-11", job.AutoMLJobName);
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:automl-job/churn-tabular-2023-11", job.AutoMLJobArn);
        Assert.Equal("Completed", job.AutoMLJobStatus);

        // 1700822400.123 = 2023-11-24T10:40:00.123Z; LastModifiedTime is 1.70083984E9 in exponent form.
        Assert.Equal(new DateTime(2023, 11, 24, 10, 40, 0, 123, DateTimeKind.Utc), job.CreationTime!.Value.ToUniversalTime());
        Assert.Equal(DateTimeKind.Local, job.CreationTime.Value.Kind);
        Assert.Equal(new DateTime(2023, 11, 24, 15, 30, 40, DateTimeKind.Utc), job.LastModifiedTime!.Value.ToUniversalTime());
        Assert.Equal(new DateTime(2023, 11, 24, 15, 30, 31, 987, DateTimeKind.Utc), job.EndTime!.Value.ToUniversalTime());

        var tabular = job.AutoMLProblemTypeConfig!.TabularJobConfig!;
        Assert.Equal(new[] { "xgboost", "lightgbm", "catboost" }, tabular.CandidateGenerationConfig!.AlgorithmsConfig!.Single().AutoMLAlgorithms);
        Assert.Equal(250, tabular.CompletionCriteria!.MaxCandidates);
        Assert.Equal(86400, tabular.CompletionCriteria.MaxAutoMLJobRuntimeInSeconds);
        Assert.False(tabular.GenerateCandidateDefinitionsOnly);
        Assert.Equal("sample_weight", tabular.SampleWeightAttributeName);

        var best = job.BestCandidate!;
        Assert.Equal(0.8734, best.FinalAutoMLJobObjectiveMetric!.Value);
        Assert.Equal("Maximize", best.FinalAutoMLJobObjectiveMetric.Type);
        Assert.Equal(new[] { "AWS::SageMaker::ProcessingJob", "AWS::SageMaker::TrainingJob", "AWS::SageMaker::TransformJob" }, best.CandidateSteps!.Select(s => s.CandidateStepType));
        Assert.Equal("20971520", best.InferenceContainers![1].Environment!["MAX_CONTENT_LENGTH"]);
        Assert.Equal(new[] { "CPU", "GPU" }, best.InferenceContainerDefinitions!.Keys.OrderBy(k => k));
        Assert.Equal("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1-gpu-py3", best.InferenceContainerDefinitions["GPU"].Single().Image);
        Assert.Equal(1.25E-4, best.CandidateProperties!.CandidateMetrics!.Single(m => m.StandardMetricName == "InferenceLatency").Value);
        Assert.Equal("Test", best.CandidateProperties.CandidateMetrics![4].Set);
        Assert.EndsWith("/documentation/backtest/output", best.CandidateProperties.CandidateArtifactLocations!.BacktestResults);

        Assert.Equal(0.2, job.DataSplitConfig!.ValidationFraction);
        Assert.True(job.SecurityConfig!.EnableInterContainerTrafficEncryption);
        Assert.Equal(new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" }, job.SecurityConfig.VpcConfig!.Subnets);
        Assert.False(job.ModelDeployConfig!.AutoGenerateEndpointName);
        Assert.Equal("BinaryClassification", job.ResolvedAttributes!.AutoMLProblemTypeResolvedAttributes!.TabularResolvedAttributes!.ProblemType);
        Assert.Null(job.ResolvedAttributes.AutoMLProblemTypeResolvedAttributes.TextGenerationResolvedAttributes);
        Assert.EndsWith(":role/AutoMLEmrServerlessExecutionRole", job.AutoMLComputeConfig!.EmrServerlessComputeConfig!.ExecutionRoleARN);
        Assert.Equal(2, job.PartialFailureReasons!.Length);
        Assert.Equal("Gzip", Bodies.Describe(TestEnvironment.ReadFixture("describe-timeseries.json")).AutoMLJobInputDataConfig![1].CompressionType);
    }

    [Fact]
    public void TimeSeriesNestedMapsAndExponentTimestampLand()
    {
        var job = Bodies.Describe(TestEnvironment.ReadFixture("describe-timeseries.json"));
        var config = job.AutoMLProblemTypeConfig!.TimeSeriesForecastingJobConfig!;

        Assert.Equal(new DateTime(2023, 12, 21, 19, 33, 20, DateTimeKind.Utc), job.CreationTime!.Value.ToUniversalTime()); // 1.7031872E9
        Assert.Equal(12, config.ForecastHorizon);
        Assert.Equal("1W", config.ForecastFrequency);
        Assert.Equal(new[] { "p10", "p50", "p90" }, config.ForecastQuantiles);
        Assert.Equal("9.99", config.Transformations!.Filling!["price"]["futurefill_value"]);
        Assert.Equal("zero", config.Transformations.Filling["demand"]["middlefill"]);
        Assert.Equal("avg", config.Transformations.Aggregation!["price"]);
        Assert.Equal(new[] { "store_id", "region" }, config.TimeSeriesConfig!.GroupingAttributeNames);
        Assert.Equal("US", config.HolidayConfig!.Single().CountryCode);
        Assert.Null(job.ResolvedAttributes!.AutoMLProblemTypeResolvedAttributes);
        Assert.Equal("Minimize", job.BestCandidate!.FinalAutoMLJobObjectiveMetric!.Type);
    }

    [Fact]
    public void TextGenerationHyperParametersAndResolvedBaseModelLand()
    {
        var job = Bodies.Describe(TestEnvironment.ReadFixture("describe-text-generation.json"));
        var config = job.AutoMLProblemTypeConfig!.TextGenerationJobConfig!;

        Assert.Equal("Falcon7BInstruct", config.BaseModelName);
        Assert.Equal("0.000001", config.TextGenerationHyperParameters!["learningRate"]);
        Assert.Equal(4, config.TextGenerationHyperParameters.Count);
        Assert.True(config.ModelAccessConfig!.AcceptEula);
        Assert.Equal("Falcon7BInstruct", job.ResolvedAttributes!.AutoMLProblemTypeResolvedAttributes!.TextGenerationResolvedAttributes!.BaseModelName);
        Assert.Null(job.ResolvedAttributes.AutoMLProblemTypeResolvedAttributes.TabularResolvedAttributes);
    }

    [Fact]
    public void UnknownEnumValuesAreKeptAsTheyCame()
    {
        var json = TestEnvironment.ReadFixture("describe-unknown-enums.json");
        var job = Bodies.Describe(json);

        Assert.Equal("Paused", job.AutoMLJobStatus);
        Assert.Equal("WaitingForCapacity", job.AutoMLJobSecondaryStatus);
        Assert.Equal("TabularRanking", job.AutoMLProblemTypeConfigName);
        Assert.Equal("validation:f1_binary", job.AutoMLJobObjective!.MetricName);
        Assert.Equal("validation:f1_binary", job.BestCandidate!.FinalAutoMLJobObjectiveMetric!.MetricName);
        Assert.Equal("Balance", job.BestCandidate.FinalAutoMLJobObjectiveMetric.Type);
        Assert.Equal("Deferred", job.BestCandidate.ObjectiveStatus);
        Assert.Equal("AWS::SageMaker::HyperPodJob", job.BestCandidate.CandidateSteps![0].CandidateStepType);
        Assert.Contains("TPU", job.BestCandidate.InferenceContainerDefinitions!.Keys);
        Assert.Equal("Holdout", job.BestCandidate.CandidateProperties!.CandidateMetrics!.Last().Set);
        Assert.Equal(new[] { "xgboost", "tabpfn" }, job.AutoMLProblemTypeConfig!.TabularJobConfig!.CandidateGenerationConfig!.AlgorithmsConfig![0].AutoMLAlgorithms);
        Assert.Equal("AGENTIC", job.AutoMLProblemTypeConfig.TabularJobConfig.Mode);
        Assert.Equal("holdout", job.AutoMLJobInputDataConfig![0].ChannelType);
        Assert.Equal("DeltaTable", job.AutoMLJobInputDataConfig[0].DataSource!.S3DataSource!.S3DataType);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: false);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AnUnknownUnionMemberWithTypeKeyIsSkippedAndTheRestOfTheJobIsRead()
    {
        var json = TestEnvironment.ReadFixture("describe-unknown-union.json");
        var job = Bodies.Describe(json);

        Assert.Equal("future-problem-type", job.AutoMLJobName);
        Assert.Equal("VideoClassification", job.AutoMLProblemTypeConfigName);
        if (job.AutoMLProblemTypeConfig is { } config)
        {
            Assert.All(typeof(AutoMLProblemTypeConfig).GetProperties().Where(p => p.SetMethod is not null), p => Assert.Null(p.GetValue(config)));
        }

        if (job.ResolvedAttributes!.AutoMLProblemTypeResolvedAttributes is { } resolved)
        {
            Assert.Null(resolved.TabularResolvedAttributes);
            Assert.Null(resolved.TextGenerationResolvedAttributes);
        }

        Assert.Equal("F1", job.ResolvedAttributes.AutoMLJobObjective!.MetricName);
        Assert.Equal(0.8734, job.BestCandidate!.FinalAutoMLJobObjectiveMetric!.Value);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: true)
            .Where(p => !p.StartsWith("$.AutoMLProblemTypeConfig:", StringComparison.Ordinal) && !p.StartsWith("$.ResolvedAttributes.AutoMLProblemTypeResolvedAttributes:", StringComparison.Ordinal))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void UnknownFieldsAtEveryLevelAreSkippedAndKnownOnesAfterThemAreRead()
    {
        var json = TestEnvironment.ReadFixture("describe-unknown-fields.json");
        var job = Bodies.Describe(json);

        Assert.Equal("new-fields-job", job.AutoMLJobName);
        Assert.Equal("AWS::SageMaker::ProcessingJob", job.BestCandidate!.CandidateSteps![0].CandidateStepType);
        Assert.Equal(new[] { "sg-0a1b2c3d4e5f60718" }, job.SecurityConfig!.VpcConfig!.SecurityGroupIds);

        using var document = JsonDocument.Parse(json);
        var problems = WireComparer.Compare(document.RootElement, job, typeof(AutoMLJobV2), allowUnknownMembers: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ListPagesLandWithTheirTokens()
    {
        var first = Bodies.List(TestEnvironment.ReadFixture("list-page-1.json"));
        var second = Bodies.List(TestEnvironment.ReadFixture("list-page-2.json"));
        var empty = Bodies.List(TestEnvironment.ReadFixture("list-empty.json"));

        Assert.Equal(new[] { "churn-nightly-0312", "churn-nightly-0311", "churn-nightly-0310" }, first.AutoMLJobSummaries!.Select(s => s.AutoMLJobName));
        Assert.StartsWith("eyJDcmVhdGlvblRpbWUi", first.NextToken);
        Assert.Null(first.AutoMLJobSummaries![0].EndTime);
        Assert.Equal(new DateTime(2024, 3, 11, 4, 6, 40, DateTimeKind.Utc), first.AutoMLJobSummaries[1].LastModifiedTime!.Value.ToUniversalTime()); // 1.71013E9
        Assert.Equal("ExplainabilityError: the explainability report could not be generated.", first.AutoMLJobSummaries[1].PartialFailureReasons!.Single().PartialFailureMessage);
        Assert.Null(second.NextToken);
        Assert.Equal(2, second.AutoMLJobSummaries!.Length);
        Assert.Empty(empty.AutoMLJobSummaries!);

        foreach (var fixture in new[] { "list-page-1.json", "list-page-2.json" })
        {
            using var document = JsonDocument.Parse(TestEnvironment.ReadFixture(fixture));
            var problems = WireComparer.Compare(document.RootElement, Bodies.List(TestEnvironment.ReadFixture(fixture)), typeof(ListAutoMLJobsResult), allowUnknownMembers: true);
            Assert.True(problems.Count == 0, fixture + ":\n" + string.Join("\n", problems));
        }
    }

    [Fact]
    public void NullMembersAndIsoTimestampsAreAccepted()
    {
        var job = Bodies.Describe("""{"AutoMLJobName":"a","CreationTime":null,"EndTime":"2024-03-01T12:00:00.250Z","BestCandidate":null,"PartialFailureReasons":null}""");

        Assert.Equal("a", job.AutoMLJobName);
        Assert.Null(job.CreationTime);
        Assert.Null(job.BestCandidate);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0, 250, DateTimeKind.Utc), job.EndTime!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("""{"AutoMLJobName":"a","CreationTime":17008""", "DescribeAutoMLJobV2")]
    [InlineData("""{"AutoMLJobName":"a","AutoMLProblemTypeConfig":{"TabularJobConfig":{"CompletionCriteria":{"MaxCandidates":"ten"}}}}""", "$.AutoMLProblemTypeConfig.TabularJobConfig.CompletionCriteria.MaxCandidates")]
    [InlineData("""{"AutoMLJobName":42}""", "$.AutoMLJobName")]
    [InlineData("""{"CreationTime":true}""", "$.CreationTime")]
    [InlineData("""{"CreationTime":1e300}""", "$.CreationTime")]
    [InlineData("""{"PartialFailureReasons":{"PartialFailureMessage":"x"}}""", "$.PartialFailureReasons")]
    [InlineData("null", "JSON null")]
    [InlineData("[]", "DescribeAutoMLJobV2")]
    [InlineData("", "DescribeAutoMLJobV2")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "DescribeAutoMLJobV2")]
    public void ABodyThatIsNotAValidResponseIsAParseErrorSayingWhere(string body, string expectedInMessage)
    {
        var error = Assert.Throws<AutoMLResponseParseException>(() => Bodies.Describe(body));

        Assert.Contains(expectedInMessage, error.Message);
        Assert.Equal(AutoMLErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public void AnHtmlResponseIsAParseErrorCarryingStatusAndRequestId()
    {
        var response = new FakeResponseData(HttpStatusCode.OK, "<html><head><title>Portal</title></head></html>", "text/html; charset=utf-8", new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-html" });

        var error = Assert.Throws<AutoMLResponseParseException>(() => DescribeAutoMLJobV2ResponseUnmarshaller.Instance.Unmarshall(response.Context()));

        Assert.Contains("HTML", error.Message);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("req-html", error.RequestId);
    }
}
