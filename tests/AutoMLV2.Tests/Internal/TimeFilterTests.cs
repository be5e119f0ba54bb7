namespace AutoMLV2.Tests.Internal;

using System;
using AutoMLV2.Internal;
using Xunit;

/// <summary>
/// Get-AutoMLJobV2's time filters: the instant each kind of DateTime names, read in a time zone
/// that is not UTC (the zone is given, so the tests do not depend on the machine's); the bounds
/// checked before any request; and the local comparison, the service's.
/// </summary>
public sealed class TimeFilterTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"); // UTC+05:30, no daylight saving time
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // 2024-03-01 18:00 in Kolkata is 12:30 UTC.
    private static readonly DateTime Instant = new(2024, 3, 1, 12, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DateTimeKind.Utc, 12)]
    [InlineData(DateTimeKind.Local, 18)]
    [InlineData(DateTimeKind.Unspecified, 18)] // what [datetime]'2024-03-01 18:00' gives: local time, as in AWS Tools
    public void EveryKindOfDateTimeMeansTheInstantItNames(DateTimeKind kind, int hour)
    {
        var given = new DateTime(2024, 3, 1, hour, hour == 12 ? 30 : 0, 0, kind);

        var filter = TimeFilter.Create(given, null, null, null, Kolkata);

        Assert.Equal(Instant, filter.CreatedAfter);
        Assert.Equal(DateTimeKind.Utc, filter.CreatedAfter!.Value.Kind);
    }

    [Fact]
    public void EachParameterIsItsOwnBound()
    {
        var filter = TimeFilter.Create(Instant, Instant.AddDays(1), Instant.AddDays(2), Instant.AddDays(3), Kolkata);

        Assert.Equal(Instant, filter.CreatedAfter);
        Assert.Equal(Instant.AddDays(1), filter.CreatedBefore);
        Assert.Equal(Instant.AddDays(2), filter.ModifiedAfter);
        Assert.Equal(Instant.AddDays(3), filter.ModifiedBefore);
        Assert.Equal(
            "CreationTimeAfter=2024-03-01T12:30:00.000Z, CreationTimeBefore=2024-03-02T12:30:00.000Z, LastModifiedTimeAfter=2024-03-03T12:30:00.000Z, LastModifiedTimeBefore=2024-03-04T12:30:00.000Z",
            filter.ToString());
    }

    [Fact]
    public void NoParameterIsNoFilter()
    {
        var filter = TimeFilter.Create(null, null, null, null, Kolkata);

        Assert.True(filter.IsEmpty);
        Assert.Equal("(none)", filter.ToString());
        Assert.True(filter.Matches(null, null));
    }

    [Theory]
    [InlineData(4999, 0)] // 0.4999 ms
    [InlineData(5000, 1)] // 0.5 ms: half away from zero
    [InlineData(9999, 1)]
    public void BoundsAreRoundedToTheMillisecondTheWireCarries(long extraTicks, int milliseconds)
    {
        var filter = TimeFilter.Create(Instant.AddTicks(extraTicks), null, null, null, Kolkata);

        Assert.Equal(Instant.AddMilliseconds(milliseconds), filter.CreatedAfter);
    }

    [Fact]
    public void TheComparisonIsTheRoundedBoundTheServiceGets()
    {
        // A bound of 12:30:00.0006 is sent as 12:30:00.001; a job created at .001 is not after it.
        var filter = TimeFilter.Create(Instant.AddTicks(6000), null, null, null, Kolkata);

        Assert.False(filter.Matches(Instant.AddMilliseconds(1), null));
        Assert.True(filter.Matches(Instant.AddMilliseconds(2), null));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)] // exclusive: created at the bound is not created after it
    [InlineData(1, true)]
    public void AfterIsExclusive(int offsetMilliseconds, bool matches)
    {
        var filter = TimeFilter.Create(Instant, null, Instant, null, Kolkata);
        var time = Instant.AddMilliseconds(offsetMilliseconds);

        Assert.Equal(matches, filter.Matches(time, Instant.AddDays(1)));
        Assert.Equal(matches, filter.Matches(Instant.AddDays(1), time));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)] // exclusive
    [InlineData(1, false)]
    public void BeforeIsExclusive(int offsetMilliseconds, bool matches)
    {
        var filter = TimeFilter.Create(null, Instant, null, Instant, Kolkata);
        var time = Instant.AddMilliseconds(offsetMilliseconds);

        Assert.Equal(matches, filter.Matches(time, Instant.AddDays(-1)));
        Assert.Equal(matches, filter.Matches(Instant.AddDays(-1), time));
    }

    [Fact]
    public void JobTimesInAnyKindAreComparedAsInstants()
    {
        var filter = TimeFilter.Create(Instant, Instant.AddHours(1), null, null, Kolkata);

        Assert.True(filter.Matches(Instant.AddMinutes(30).ToLocalTime(), null)); // as the wire reader makes them
        Assert.True(filter.Matches(Instant.AddMinutes(30), null));
        Assert.False(filter.Matches(Instant.AddMinutes(90).ToLocalTime(), null));
    }

    [Fact]
    public void AJobWithoutTheTimeABoundIsAboutDoesNotMatchIt()
    {
        var created = TimeFilter.Create(Instant, null, null, null, Kolkata);
        var modified = TimeFilter.Create(null, null, null, Instant, Kolkata);

        Assert.False(created.Matches(null, Instant.AddDays(1)));
        Assert.True(created.Matches(Instant.AddDays(1), null));
        Assert.False(modified.Matches(Instant.AddDays(-1), null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3_600_000)]
    public void CreatedAfterNotEarlierThanCreatedBeforeIsAnError(int laterByMilliseconds)
    {
        var error = Assert.Throws<ArgumentException>(() => TimeFilter.Create(Instant.AddMilliseconds(laterByMilliseconds), Instant, null, null, Kolkata));

        Assert.StartsWith("-CreatedAfter (2024-03-01T1", error.Message);
        Assert.Contains("is not earlier than -CreatedBefore (2024-03-01T12:30:00.000Z, 2024-03-01 18:00:00 local time): no job can be created after the one and before the other", error.Message);
    }

    [Fact]
    public void ModifiedAfterNotEarlierThanModifiedBeforeIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => TimeFilter.Create(null, null, Instant, Instant.AddHours(-1), Kolkata));

        Assert.Equal(
            "-ModifiedAfter (2024-03-01T12:30:00.000Z, 2024-03-01 18:00:00 local time) is not earlier than -ModifiedBefore (2024-03-01T11:30:00.000Z, 2024-03-01 17:00:00 local time): no job can be last modified after the one and before the other. Both bounds are exclusive.",
            error.Message);
    }

    [Fact]
    public void TheRangeIsCheckedBetweenInstantsNotWallClocks()
    {
        // 17:00 in Kolkata (11:30 UTC) is earlier than 12:00 UTC, though 17 > 12.
        var filter = TimeFilter.Create(new DateTime(2024, 3, 1, 17, 0, 0, DateTimeKind.Local), new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc), null, null, Kolkata);

        Assert.Equal(new DateTime(2024, 3, 1, 11, 30, 0, DateTimeKind.Utc), filter.CreatedAfter);
    }

    [Fact]
    public void ALocalTimeTheClocksSkipIsAnError()
    {
        // 2025-03-09 02:30 does not exist in New York: the clocks go from 02:00 to 03:00.
        var error = Assert.Throws<ArgumentException>(() => TimeFilter.Create(null, new DateTime(2025, 3, 9, 2, 30, 0), null, null, NewYork));

        Assert.Contains("-CreatedBefore 2025-03-09 02:30:00 does not exist in the time zone America/New_York", error.Message);
        var utc = new DateTime(2025, 3, 9, 2, 30, 0, DateTimeKind.Utc); // as UTC it is an instant like any other
        Assert.Equal(utc, TimeFilter.Create(null, utc, null, null, NewYork).CreatedBefore);
    }

    [Fact]
    public void ALocalTimeTheClocksRepeatIsStandardTime()
    {
        // 2025-11-02 01:30 happens twice in New York; standard time (UTC-5) is 06:30 UTC.
        var filter = TimeFilter.Create(new DateTime(2025, 11, 2, 1, 30, 0), null, null, null, NewYork);

        Assert.Equal(new DateTime(2025, 11, 2, 6, 30, 0, DateTimeKind.Utc), filter.CreatedAfter);
    }

    [Fact]
    public void ItSetsTheListQueryMembersOfTheBoundsGiven()
    {
        var query = new AutoMLJobListQuery { NameContains = "churn" };

        TimeFilter.Create(null, Instant, Instant.AddHours(-1), null, Kolkata).ApplyTo(query);

        Assert.Null(query.CreationTimeAfter);
        Assert.Equal(Instant, query.CreationTimeBefore);
        Assert.Equal(Instant.AddHours(-1), query.LastModifiedTimeAfter);
        Assert.Null(query.LastModifiedTimeBefore);
        Assert.Equal("churn", query.NameContains);
    }
}
