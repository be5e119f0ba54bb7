namespace AutoMLV2.Tests.Model;

using System;
using AutoMLV2.Model;
using Xunit;

/// <summary>Duration of a job or summary: ended, running, unknown; always compared in UTC.</summary>
public sealed class JobDurationTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AnEndedJobRanFromCreationToEnd()
    {
        var created = new DateTime(2026, 11, 28, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(TimeSpan.FromMinutes(62), JobDuration.Of(created, created.AddMinutes(62), "Completed", Now));
    }

    [Fact]
    public void LocalAndUtcTimesAreComparedInUtc()
    {
        var created = new DateTime(2026, 11, 28, 8, 0, 0, DateTimeKind.Utc);
        var endedLocal = created.AddHours(3).ToLocalTime();
        Assert.Equal(DateTimeKind.Local, endedLocal.Kind);
        Assert.Equal(TimeSpan.FromHours(3), JobDuration.Of(created, endedLocal, "Failed", Now));
        Assert.Equal(TimeSpan.FromHours(3), JobDuration.Of(created.ToLocalTime(), created.AddHours(3), "Failed", Now));
    }

    [Theory]
    [InlineData("InProgress")]
    [InlineData("Stopping")]
    [InlineData(null)]
    [InlineData("SomethingNew")]
    public void AJobThatHasNotEndedHasRunUntilNow(string? status)
    {
        var created = Now.AddMinutes(-12);
        Assert.Equal(TimeSpan.FromMinutes(12), JobDuration.Of(created, null, status, Now));
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    [InlineData("completed")]
    public void AnEndedJobWithoutAnEndTimeHasNoDuration(string status)
        => Assert.Null(JobDuration.Of(Now.AddHours(-1), null, status, Now));

    [Fact]
    public void WithoutACreationTimeThereIsNoDuration()
        => Assert.Null(JobDuration.Of(null, Now, "Completed", Now));

    [Fact]
    public void TheJobAndTheSummaryReportIt()
    {
        var created = new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);
        var job = new AutoMLJobV2 { CreationTime = created, EndTime = created.AddHours(27).AddMinutes(20), AutoMLJobStatus = "Completed" };
        var summary = new AutoMLJobSummary { CreationTime = created, EndTime = created.AddMinutes(5), AutoMLJobStatus = "Stopped" };
        Assert.Equal(new TimeSpan(1, 3, 20, 0), job.Duration);
        Assert.Equal(TimeSpan.FromMinutes(5), summary.Duration);
        var running = new AutoMLJobV2 { CreationTime = DateTime.UtcNow.AddMinutes(-3), AutoMLJobStatus = "InProgress" };
        Assert.InRange(running.Duration!.Value.TotalSeconds, 179, 240);
    }
}
