namespace AutoMLV2.Tests.Model;

using AutoMLV2.Model;
using Xunit;

public sealed class JobStatusTests
{
    [Theory]
    [InlineData("completed", "Completed")]
    [InlineData("INPROGRESS", "InProgress")]
    [InlineData("failed", "Failed")]
    [InlineData("stopped", "Stopped")]
    [InlineData("sToPpInG", "Stopping")]
    [InlineData("Deploying", "Deploying")]
    public void StatusesAreSentAsTheApiSpellsThemAndUnknownOnesAsGiven(string given, string sent)
        => Assert.Equal(sent, JobStatus.ApiSpelling(given));

    [Fact]
    public void TheKnownStatusesAreTheServiceModelsFive()
        => Assert.Equal(new[] { "Completed", "InProgress", "Failed", "Stopped", "Stopping" }, JobStatus.Known);
}
