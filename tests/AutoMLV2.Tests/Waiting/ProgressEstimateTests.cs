namespace AutoMLV2.Tests.Waiting;

using System;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using AutoMLV2.Waiting;
using Xunit;

/// <summary>What the progress bar says about a running job: percent, time left, the status line.</summary>
public sealed class ProgressEstimateTests
{
    private static readonly DateTime Now = new(2025, 1, 15, 12, 0, 0, DateTimeKind.Utc);

    private static AutoMLJobV2 Running(double elapsedSeconds, int? maxRuntime = 3600, string status = "InProgress", string? secondary = "TrainingModels")
        => Jobs.Make("j", status, secondary, Now.AddSeconds(-elapsedSeconds), maxRuntime);

    private static AutoMLJobCompletionCriteria Max(int seconds) => new() { MaxAutoMLJobRuntimeInSeconds = seconds, MaxCandidates = 10 };

    // ---- where the maximum runtime comes from ------------------------------------------------------

    [Fact]
    public void TheResolvedAttributesWinOverTheProblemTypeConfig()
    {
        var job = Jobs.Make("j", "InProgress", null, Now, 7200);
        job.AutoMLProblemTypeConfig = new AutoMLProblemTypeConfig { TabularJobConfig = new TabularJobConfig { CompletionCriteria = Max(600) } };
        Assert.Equal(7200, ProgressEstimate.MaxRuntimeSeconds(job));
    }

    public static TheoryData<string> ProblemTypes => new() { "Tabular", "TimeSeriesForecasting", "ImageClassification", "TextClassification", "TextGeneration" };

    [Theory]
    [MemberData(nameof(ProblemTypes))]
    public void EveryProblemTypesCompletionCriteriaIsUsedWhenNothingIsResolved(string problemType)
    {
        var config = new AutoMLProblemTypeConfig();
        switch (problemType)
        {
            case "Tabular": config.TabularJobConfig = new TabularJobConfig { CompletionCriteria = Max(1800) }; break;
            case "TimeSeriesForecasting": config.TimeSeriesForecastingJobConfig = new TimeSeriesForecastingJobConfig { CompletionCriteria = Max(1800) }; break;
            case "ImageClassification": config.ImageClassificationJobConfig = new ImageClassificationJobConfig { CompletionCriteria = Max(1800) }; break;
            case "TextClassification": config.TextClassificationJobConfig = new TextClassificationJobConfig { CompletionCriteria = Max(1800) }; break;
            case "TextGeneration": config.TextGenerationJobConfig = new TextGenerationJobConfig { CompletionCriteria = Max(1800) }; break;
        }

        var job = Jobs.Make("j", "InProgress", null, Now.AddSeconds(-900));
        job.AutoMLProblemTypeConfig = config;
        // Resolved attributes present but without a maximum runtime: the config still counts.
        job.ResolvedAttributes = new AutoMLResolvedAttributes { CompletionCriteria = new AutoMLJobCompletionCriteria { MaxCandidates = 3 } };

        Assert.Equal(1800, ProgressEstimate.MaxRuntimeSeconds(job));
        Assert.Equal(50, ProgressEstimate.Percent(job, Now));
        Assert.Equal(900, ProgressEstimate.SecondsRemaining(job, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void NoPositiveMaximumMeansUnknown(int? max)
    {
        var job = Jobs.Make("j", "InProgress", "TrainingModels", Now.AddMinutes(-10), max);
        Assert.Null(ProgressEstimate.MaxRuntimeSeconds(job));
        Assert.Equal(-1, ProgressEstimate.Percent(job, Now));
        Assert.Equal(-1, ProgressEstimate.SecondsRemaining(job, Now));
    }

    [Fact]
    public void AJobWithoutConfigOrResolvedAttributesHasNoMaximum()
    {
        Assert.Null(ProgressEstimate.MaxRuntimeSeconds(new AutoMLJobV2 { AutoMLJobStatus = "InProgress" }));
        Assert.Null(ProgressEstimate.MaxRuntimeSeconds(new AutoMLJobV2 { AutoMLProblemTypeConfig = new AutoMLProblemTypeConfig() }));
    }

    // ---- percent ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 0)]
    [InlineData(35.99, 0)]
    [InlineData(36, 1)]
    [InlineData(1800, 50)]
    [InlineData(3563.9, 98)]
    [InlineData(3564, 99)]
    [InlineData(3599, 99)]
    [InlineData(3600, 99)]
    [InlineData(7200, 99)]
    [InlineData(86400 * 365, 99)]
    [InlineData(-60, 0)]
    public void PercentIsTheShareOfTheMaximumRuntimeUsedClampedTo0To99WhileRunning(double elapsedSeconds, int expected)
    {
        Assert.Equal(expected, ProgressEstimate.Percent(Running(elapsedSeconds), Now));
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    public void PercentIs100OnceTerminalEvenWhenUnknownOrEarly(string status)
    {
        Assert.Equal(100, ProgressEstimate.Percent(Running(60, status: status), Now));
        Assert.Equal(100, ProgressEstimate.Percent(Jobs.Make("j", status), Now));
        Assert.Equal(-1, ProgressEstimate.SecondsRemaining(Running(60, status: status), Now));
    }

    [Fact]
    public void StoppingIsStillRunningForTheProgressBar()
    {
        Assert.Equal(50, ProgressEstimate.Percent(Running(1800, status: "Stopping"), Now));
    }

    [Fact]
    public void PercentIsUnknownWithoutACreationTime()
    {
        var job = Jobs.Make("j", "InProgress", null, null, 3600);
        Assert.Equal(-1, ProgressEstimate.Percent(job, Now));
        Assert.Equal(-1, ProgressEstimate.SecondsRemaining(job, Now));
    }

    [Fact]
    public void LocalAndUtcCreationTimesGiveTheSameEstimate()
    {
        var utc = Running(1800);
        var local = Running(1800);
        local.CreationTime = utc.CreationTime!.Value.ToLocalTime();
        Assert.Equal(DateTimeKind.Local, local.CreationTime!.Value.Kind);
        Assert.Equal(ProgressEstimate.Percent(utc, Now), ProgressEstimate.Percent(local, Now));
        Assert.Equal(ProgressEstimate.SecondsRemaining(utc, Now), ProgressEstimate.SecondsRemaining(local, Now));
        Assert.Equal(ProgressEstimate.StatusLine(utc, Now), ProgressEstimate.StatusLine(local, Now));
    }

    // ---- seconds remaining --------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 3600)]
    [InlineData(1800, 1800)]
    [InlineData(3599.5, 0)]
    [InlineData(3600, 0)]
    [InlineData(10000, 0)]
    public void SecondsRemainingIsWhatIsLeftOfTheMaximumRuntimeNeverNegative(double elapsedSeconds, int expected)
    {
        Assert.Equal(expected, ProgressEstimate.SecondsRemaining(Running(elapsedSeconds), Now));
    }

    // ---- status line ------------------------------------------------------------------------------------------

    [Fact]
    public void StatusLineShowsStatusSecondaryStatusAndElapsedTime()
    {
        Assert.Equal("InProgress/TrainingModels, 1h 02m", ProgressEstimate.StatusLine(Running(3723), Now));
        Assert.Equal("InProgress/AnalyzingData, 0m 05s", ProgressEstimate.StatusLine(Running(5, secondary: "AnalyzingData"), Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void StatusLineWithoutASecondaryStatusShowsTheStatusAlone(string? secondary)
    {
        Assert.Equal("InProgress, 2m 00s", ProgressEstimate.StatusLine(Running(120, secondary: secondary), Now));
    }

    [Fact]
    public void StatusLineWithoutACreationTimeHasNoElapsedTime()
    {
        Assert.Equal("Stopping/TrainingModels", ProgressEstimate.StatusLine(Jobs.Make("j", "Stopping", "TrainingModels"), Now));
        Assert.Equal("InProgress", ProgressEstimate.StatusLine(Jobs.Make("j", "InProgress"), Now));
        Assert.Equal("Unknown", ProgressEstimate.StatusLine(Jobs.Make("j", null), Now));
    }

    [Theory]
    [InlineData(5, "0m 05s")]
    [InlineData(3723, "1h 02m")]
    [InlineData(93600, "1d 02h")]
    [InlineData(-30, "0m 00s")]
    public void StatusLineWritesTheElapsedTimeAsTheViewsWriteADuration(double seconds, string elapsed)
    {
        Assert.Equal($"InProgress/TrainingModels, {elapsed}", ProgressEstimate.StatusLine(Running(seconds), Now));
    }
}
