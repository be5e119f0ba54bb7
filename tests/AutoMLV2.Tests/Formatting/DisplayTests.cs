namespace AutoMLV2.Tests.Formatting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoMLV2.Formatting;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// The display rules every view, ToString and progress line uses: durations, numbers, metric
/// names and values, maps, lines, artifacts and the best-candidate summary.
/// </summary>
public sealed class DisplayTests
{
    // ---- Duration -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, "0m 00s")]
    [InlineData(0.9, "0m 00s")]
    [InlineData(5, "0m 05s")]
    [InlineData(59, "0m 59s")]
    [InlineData(60, "1m 00s")]
    [InlineData(61, "1m 01s")]
    [InlineData(3599, "59m 59s")]
    [InlineData(3599.999, "59m 59s")]
    [InlineData(3600, "1h 00m")]
    [InlineData(3659, "1h 00m")]
    [InlineData(3723, "1h 02m")]
    [InlineData(86399, "23h 59m")]
    [InlineData(86400, "1d 00h")]
    [InlineData(90000, "1d 01h")]
    [InlineData(93600, "1d 02h")]
    [InlineData(360000, "4d 04h")]
    [InlineData(8640000, "100d 00h")]
    public void DurationIsMinutesAndSecondsUnderAnHourHoursAndMinutesUnderADayThenDaysAndHours(double seconds, string expected)
    {
        Assert.Equal(expected, Display.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-5)]
    [InlineData(-90000)]
    public void ANegativeDurationReadsAsZero(double seconds)
    {
        Assert.Equal("0m 00s", Display.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void NoDurationIsEmpty()
    {
        Assert.Equal(string.Empty, Display.Duration(null));
    }

    // ---- Timestamp ----------------------------------------------------------------------------------

    [Fact]
    public void ATimestampIsTheShortDateAndTimeOfTheCurrentCulture()
    {
        var time = new DateTime(2025, 1, 15, 9, 30, 0, DateTimeKind.Local);
        InCulture("en-GB", () => Assert.Equal("15/01/2025 09:30", Display.Timestamp(time)));
        InCulture("de-DE", () => Assert.Equal("15.01.2025 09:30", Display.Timestamp(time)));
        Assert.Equal(string.Empty, Display.Timestamp(null));
    }

    // ---- Number and MetricValue ---------------------------------------------------------------------

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(14d, "14")]
    [InlineData(0.2, "0.2")]
    [InlineData(0.912345, "0.9123")]
    [InlineData(0.25, "0.25")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(-1234.56789, "-1234.5679")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00009999, "9.999E-05")]
    [InlineData(0.00001234, "1.234E-05")]
    [InlineData(-0.00001234, "-1.234E-05")]
    [InlineData(double.NaN, "NaN")]
    public void ANumberHasUpToFourDecimalsAndTinyValuesKeepFourSignificantDigits(double value, string expected)
    {
        Assert.Equal(expected, Display.Number(value));
    }

    [Theory]
    [InlineData(0d, "0.0000")]
    [InlineData(1d, "1.0000")]
    [InlineData(0.25, "0.2500")]
    [InlineData(0.912345, "0.9123")]
    [InlineData(-0.25, "-0.2500")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00009999, "9.999E-05")]
    [InlineData(0.00001234, "1.234E-05")]
    [InlineData(-0.00001234, "-1.234E-05")]
    [InlineData(double.NaN, "NaN")]
    public void AMetricValueAlwaysHasFourDecimalsAndTinyValuesKeepFourSignificantDigits(double value, string expected)
    {
        Assert.Equal(expected, Display.MetricValue(value));
    }

    [Theory]
    [InlineData(99999.99994, "99999.9999")] // 10 characters: four decimals fit
    [InlineData(-99999.99994, "-99999.9999")] // 11: still fit
    [InlineData(123456.78901, "123456.7890")] // 11: still fit
    [InlineData(1234567.89012, "1234567.890")] // 12 with four decimals: three
    [InlineData(-123456.78901, "-123456.789")]
    [InlineData(625000000.123456, "625000000.1")]
    [InlineData(6250000000.7, "6250000001")] // no decimal fits: rounded to a whole number
    [InlineData(-62500000000.5, "-6.25E+10")]
    [InlineData(12345678901.5, "12345678902")]
    [InlineData(123456789012.5, "1.2346E+11")]
    [InlineData(-1.2345678e15, "-1.2346E+15")]
    [InlineData(1.5e300, "1.5E+300")]
    [InlineData(-1.23456e-300, "-1.235E-300")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void AMetricValueTooLongForItsElevenCharacterColumnKeepsWhatFitsAndIsNeverCutOff(double value, string expected)
    {
        var text = Display.MetricValue(value);

        Assert.Equal(expected, text);
        Assert.True(text.Length <= 11, text);
    }

    [Fact]
    public void NoNumberIsEmpty()
    {
        Assert.Equal(string.Empty, Display.Number(null));
        Assert.Equal(string.Empty, Display.MetricValue(null));
    }

    [Fact]
    public void NumbersUseTheInvariantCulture()
    {
        InCulture("de-DE", () =>
        {
            Assert.Equal("0.9123", Display.Number(0.912345));
            Assert.Equal("0.2500", Display.MetricValue(0.25));
            Assert.Equal("1.234E-05", Display.MetricValue(0.00001234));
        });
    }

    // ---- MetricName: one rule for every view and ToString -------------------------------------------

    [Theory]
    [InlineData("validation:f1", "F1", "validation:f1")]
    [InlineData("validation:f1", null, "validation:f1")]
    [InlineData(null, "F1", "F1")]
    [InlineData(null, null, "")]
    public void AMetricIsShownByItsMetricNameElseItsStandardMetricName(string? metricName, string? standardMetricName, string expected)
    {
        Assert.Equal(expected, Display.MetricName(metricName, standardMetricName));
    }

    [Fact]
    public void TheJobTableShowsTheBestCandidatesObjectiveMetricByTheSameRule()
    {
        var both = Candidate(new FinalAutoMLJobObjectiveMetric { MetricName = "validation:f1", StandardMetricName = "F1", Value = 0.25 });
        var standardOnly = Candidate(new FinalAutoMLJobObjectiveMetric { StandardMetricName = "validation:f1_binary", Value = 0.00001234 });

        Assert.Equal("validation:f1", Display.ObjectiveMetricName(both));
        Assert.Equal("0.2500", Display.ObjectiveMetricValue(both));
        Assert.Equal("validation:f1_binary", Display.ObjectiveMetricName(standardOnly));
        Assert.Equal("1.234E-05", Display.ObjectiveMetricValue(standardOnly));
    }

    [Fact]
    public void TheJobTableIsEmptyWithoutABestCandidateOrItsMetric()
    {
        Assert.Equal(string.Empty, Display.ObjectiveMetricName(null));
        Assert.Equal(string.Empty, Display.ObjectiveMetricValue(null));
        Assert.Equal(string.Empty, Display.ObjectiveMetricName(new AutoMLCandidate()));
        Assert.Equal(string.Empty, Display.ObjectiveMetricValue(new AutoMLCandidate()));
        Assert.Equal(string.Empty, Display.ObjectiveMetricValue(Candidate(new FinalAutoMLJobObjectiveMetric { MetricName = "F1" })));
    }

    [Fact]
    public void EveryToStringNamesAMetricByTheSameRule()
    {
        var both = new FinalAutoMLJobObjectiveMetric { MetricName = "validation:f1", StandardMetricName = "F1", Value = 0.912345, Type = "Maximize" };
        Assert.Equal("validation:f1 = 0.9123 (Maximize)", both.ToString());
        Assert.Equal("c1 (Completed, validation:f1 = 0.9123)", Candidate(both).ToString());
        Assert.Equal("validation:f1 = 0.9123 [Validation]", new MetricDatum { MetricName = "validation:f1", StandardMetricName = "F1", Value = 0.912345, Set = "Validation" }.ToString());

        var standardOnly = new FinalAutoMLJobObjectiveMetric { StandardMetricName = "validation:f1_binary", Value = 0.5 };
        Assert.Equal("validation:f1_binary = 0.5", standardOnly.ToString());
        Assert.Equal("c1 (Completed, validation:f1_binary = 0.5)", Candidate(standardOnly).ToString());
        Assert.Equal("validation:f1_binary = 0.5", new MetricDatum { StandardMetricName = "validation:f1_binary", Value = 0.5 }.ToString());
    }

    // ---- Lines --------------------------------------------------------------------------------------

    [Fact]
    public void LinesPutsEachItemsTextOnALineOfItsOwn()
    {
        var reasons = new[] { new AutoMLPartialFailureReason { PartialFailureMessage = "first" }, new AutoMLPartialFailureReason { PartialFailureMessage = "second" } };
        Assert.Equal("first\nsecond", Display.Lines(reasons));
        Assert.Equal("a\n\nc", Display.Lines(new[] { "a", null, "c" }));
        Assert.Equal("one line", Display.Lines("one line"));
    }

    [Fact]
    public void LinesOfNothingIsEmpty()
    {
        Assert.Equal(string.Empty, Display.Lines(null));
        Assert.Equal(string.Empty, Display.Lines(Array.Empty<AutoMLCandidateStep>()));
    }

    // ---- Pairs --------------------------------------------------------------------------------------

    [Fact]
    public void PairsAreKeyEqualsValueInOrdinalKeyOrder()
    {
        var map = new Dictionary<string, string> { ["learningRate"] = "0.00001", ["Zeta"] = "z", ["epochCount"] = "3", ["empty"] = null! };
        Assert.Equal("Zeta=z, empty=, epochCount=3, learningRate=0.00001", Display.Pairs(map));
        Assert.Equal("Zeta=z\nempty=\nepochCount=3\nlearningRate=0.00001", Display.PairLines(map));
    }

    [Fact]
    public void PairsOfNoMapOrAnEmptyMapAreEmpty()
    {
        Assert.Equal(string.Empty, Display.Pairs(null));
        Assert.Equal(string.Empty, Display.Pairs(new Dictionary<string, string>()));
        Assert.Equal(string.Empty, Display.PairLines(null));
        Assert.Equal(string.Empty, Display.PairLines(new Dictionary<string, string>()));
    }

    // ---- Filling: a map of maps ---------------------------------------------------------------------

    [Fact]
    public void FillingIsOneColumnALineWithItsRulesBothInOrdinalOrder()
    {
        var filling = Filling();
        Assert.Equal("Price: middlefill=zero\ndemand: backfill=value, backfill_value=2\nstore: ", Display.FillingLines(filling));
    }

    [Fact]
    public void TheTransformationsLineWritesFillingByTheSameRules()
    {
        var transformations = new TimeSeriesTransformations { Filling = Filling(), Aggregation = new Dictionary<string, string> { ["sales"] = "sum", ["demand"] = "avg" } };
        Assert.Equal(
            "filling Price(middlefill=zero), demand(backfill=value, backfill_value=2), store; aggregation demand=avg, sales=sum",
            transformations.ToString());
    }

    [Fact]
    public void FillingOfNoMapOrAnEmptyMapIsEmpty()
    {
        Assert.Equal(string.Empty, Display.FillingLines(null));
        Assert.Equal(string.Empty, Display.FillingLines(new Dictionary<string, Dictionary<string, string>>()));
        Assert.Equal(string.Empty, new TimeSeriesTransformations { Filling = new Dictionary<string, Dictionary<string, string>>() }.ToString());
    }

    // ---- InferenceContainerDefinitions --------------------------------------------------------------

    [Fact]
    public void ContainerDefinitionsAreOneContainerALineAfterItsProcessingUnit()
    {
        var definitions = new Dictionary<string, AutoMLContainerDefinition[]>
        {
            ["GPU"] = new[] { new AutoMLContainerDefinition { Image = "gpu-image" } },
            ["CPU"] = new[]
            {
                new AutoMLContainerDefinition { Image = "cpu-1", ModelDataUrl = "s3://b/model.tar.gz", Environment = new Dictionary<string, string> { ["A"] = "1" } },
                new AutoMLContainerDefinition { Image = "cpu-2" },
            },
        };
        Assert.Equal("CPU: cpu-1 (model s3://b/model.tar.gz, 1 env var)\nCPU: cpu-2\nGPU: gpu-image", Display.ContainerDefinitionLines(definitions));
    }

    [Fact]
    public void AProcessingUnitWithoutContainersStillHasItsLine()
    {
        var definitions = new Dictionary<string, AutoMLContainerDefinition[]> { ["CPU"] = null!, ["GPU"] = Array.Empty<AutoMLContainerDefinition>() };
        Assert.Equal("CPU: ", Display.ContainerDefinitionLines(definitions));
        Assert.Equal(string.Empty, Display.ContainerDefinitionLines(null));
    }

    // ---- Artifacts ----------------------------------------------------------------------------------

    [Fact]
    public void JobArtifactsAreOneNotebookALineAndCommaJoinedInTheirToString()
    {
        var artifacts = new AutoMLJobArtifacts { CandidateDefinitionNotebookLocation = "s3://b/candidates.ipynb", DataExplorationNotebookLocation = "s3://b/exploration.ipynb" };
        Assert.Equal("CandidateDefinitionNotebook: s3://b/candidates.ipynb\nDataExplorationNotebook: s3://b/exploration.ipynb", Display.JobArtifactLines(artifacts));
        Assert.Equal("CandidateDefinitionNotebook: s3://b/candidates.ipynb, DataExplorationNotebook: s3://b/exploration.ipynb", artifacts.ToString());

        var one = new AutoMLJobArtifacts { DataExplorationNotebookLocation = "s3://b/exploration.ipynb", CandidateDefinitionNotebookLocation = string.Empty };
        Assert.Equal("DataExplorationNotebook: s3://b/exploration.ipynb", Display.JobArtifactLines(one));
        Assert.Equal(string.Empty, Display.JobArtifactLines(null));
        Assert.Equal(string.Empty, Display.JobArtifactLines(new AutoMLJobArtifacts()));
    }

    [Fact]
    public void CandidateArtifactsAreOneReportALineAndCommaJoinedInTheirToString()
    {
        var locations = new CandidateArtifactLocations { Explainability = "s3://b/x", ModelInsights = "s3://b/i", BacktestResults = "s3://b/t" };
        var properties = new CandidateProperties { CandidateArtifactLocations = locations };
        Assert.Equal("Explainability: s3://b/x\nModelInsights: s3://b/i\nBacktestResults: s3://b/t", Display.CandidateArtifactLines(properties));
        Assert.Equal("Explainability: s3://b/x, ModelInsights: s3://b/i, BacktestResults: s3://b/t", locations.ToString());
        Assert.Equal(string.Empty, Display.CandidateArtifactLines(null));
        Assert.Equal(string.Empty, Display.CandidateArtifactLines(new CandidateProperties()));
    }

    // ---- Candidate summary and metrics --------------------------------------------------------------

    [Fact]
    public void TheCandidateSummaryIsNameAndStatusThenTheObjectiveMetricThenCounts()
    {
        var candidate = Candidate(new FinalAutoMLJobObjectiveMetric { MetricName = "validation:f1", StandardMetricName = "F1", Value = 0.912345, Type = "Maximize" });
        candidate.CandidateProperties = new CandidateProperties { CandidateMetrics = new[] { new MetricDatum(), new MetricDatum(), new MetricDatum() } };
        candidate.CandidateSteps = new[] { new AutoMLCandidateStep(), new AutoMLCandidateStep() };
        Assert.Equal("c1 (Completed)\nvalidation:f1 = 0.9123 (Maximize)\n3 candidate metrics, 2 steps", Display.CandidateSummary(candidate));
    }

    [Fact]
    public void TheCandidateSummaryCountsInTheSingularAndLeavesOutWhatIsNotThere()
    {
        var candidate = new AutoMLCandidate
        {
            CandidateName = "c1",
            CandidateProperties = new CandidateProperties { CandidateMetrics = new[] { new MetricDatum() } },
            CandidateSteps = new[] { new AutoMLCandidateStep() },
        };
        Assert.Equal("c1\n1 candidate metric, 1 step", Display.CandidateSummary(candidate));
        Assert.Equal("c1\n0 candidate metrics, 0 steps", Display.CandidateSummary(new AutoMLCandidate { CandidateName = "c1" }));
        Assert.Equal(string.Empty, Display.CandidateSummary(null));
    }

    [Fact]
    public void CandidateMetricsAreOneALine()
    {
        var properties = new CandidateProperties
        {
            CandidateMetrics = new[]
            {
                new MetricDatum { MetricName = "validation:f1", StandardMetricName = "F1", Value = 0.912345, Set = "Validation" },
                new MetricDatum { StandardMetricName = "InferenceLatency", Value = 0.00001234, Set = "Test" },
            },
        };
        Assert.Equal("validation:f1 = 0.9123 [Validation]\nInferenceLatency = 1.234E-05 [Test]", Display.CandidateMetricLines(properties));
        Assert.Equal(string.Empty, Display.CandidateMetricLines(null));
        Assert.Equal(string.Empty, Display.CandidateMetricLines(new CandidateProperties()));
    }

    // ---- ShortProblemType ---------------------------------------------------------------------------

    [Theory]
    [InlineData("Tabular", "Tabular")]
    [InlineData("TextGeneration", "TextGeneration")]
    [InlineData("TimeSeriesForecasting", "TimeSeries")]
    [InlineData("ImageClassification", "ImageClassif")]
    [InlineData("TextClassification", "TextClassif")]
    [InlineData("AudioSummarization", "AudioSummarization")] // newer than the module: as it comes
    [InlineData(null, "")]
    public void AProblemTypeIsShortenedOnlyWhenLongerThanItsFourteenCharacterColumn(string? problemType, string expected)
    {
        var text = Display.ShortProblemType(problemType);

        Assert.Equal(expected, text);
        if (problemType is not null && problemType.Length <= 14)
        {
            Assert.Equal(problemType, text);
        }
    }

    [Fact]
    public void EveryProblemTypeOfTheServiceModelFitsTheColumn()
    {
        var job = ServiceModel.Shapes("DescribeAutoMLJobV2").Single(s => s.Name == "DescribeAutoMLJobV2Response").Shape;
        var problemTypes = job.GetProperty("members").GetProperty("AutoMLProblemTypeConfigName").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Equal(5, problemTypes.Count);
        Assert.All(problemTypes, problemType => Assert.InRange(Display.ShortProblemType(problemType).Length, 1, 14));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static AutoMLCandidate Candidate(FinalAutoMLJobObjectiveMetric metric) =>
        new() { CandidateName = "c1", CandidateStatus = "Completed", FinalAutoMLJobObjectiveMetric = metric };

    private static Dictionary<string, Dictionary<string, string>> Filling() => new()
    {
        ["store"] = new Dictionary<string, string>(),
        ["demand"] = new Dictionary<string, string> { ["backfill_value"] = "2", ["backfill"] = "value" },
        ["Price"] = new Dictionary<string, string> { ["middlefill"] = "zero" },
    };

    private static void InCulture(string name, Action action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(name);
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
