namespace AutoMLV2.Tests.Engine.Client;

using System;
using System.Text;
using AutoMLV2.Engine.Client;
using AutoMLV2.Internal;
using Xunit;

/// <summary>
/// The ListAutoMLJobs request body as it goes on the wire: the filters of Get-AutoMLJobV2,
/// timestamps as epoch seconds (JSON numbers, the milliseconds as the fraction), whatever the kind
/// of the DateTime the user gave.
/// </summary>
public sealed class ListAutoMLJobsRequestMarshallerTests
{
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public void EveryMemberIsWrittenWithTimestampsAsEpochSeconds()
    {
        var query = new AutoMLJobListQuery
        {
            NameContains = "churn",
            StatusEquals = "Completed",
            SortBy = "CreationTime",
            SortOrder = "Descending",
            MaxResults = 100,
            NextToken = "page-2",
            CreationTimeAfter = new DateTime(2024, 3, 1, 12, 30, 15, 250, DateTimeKind.Utc),
            CreationTimeBefore = new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc),
            LastModifiedTimeAfter = new DateTime(2024, 3, 1, 0, 0, 0, 1, DateTimeKind.Utc),
            LastModifiedTimeBefore = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };

        Assert.Equal(
            "{\"CreationTimeAfter\":1709296215.25,\"CreationTimeBefore\":1709337600,\"LastModifiedTimeAfter\":1709251200.001,\"LastModifiedTimeBefore\":0,"
            + "\"NameContains\":\"churn\",\"StatusEquals\":\"Completed\",\"SortBy\":\"CreationTime\",\"SortOrder\":\"Descending\",\"MaxResults\":100,\"NextToken\":\"page-2\"}",
            Body(query));
    }

    [Fact]
    public void NoTimeMemberIsWrittenWithoutATimeFilter()
    {
        var query = new AutoMLJobListQuery { NameContains = "churn", MaxResults = 100 };
        TimeFilter.None.ApplyTo(query);

        Assert.Equal("{\"NameContains\":\"churn\",\"MaxResults\":100}", Body(query));
    }

    [Theory]
    [InlineData(DateTimeKind.Utc, 12, 30)]
    [InlineData(DateTimeKind.Local, 18, 0)]
    [InlineData(DateTimeKind.Unspecified, 18, 0)]
    public void ALocalAUtcAndAnUnspecifiedDateTimeGoOnTheWireAsTheInstantTheyName(DateTimeKind kind, int hour, int minute)
    {
        // In Kolkata (UTC+05:30), 18:00 local is 12:30 UTC: 1709296200.
        var given = new DateTime(2024, 3, 1, hour, minute, 0, 123, kind).AddTicks(4000);
        var query = new AutoMLJobListQuery();
        TimeFilter.Create(given, given.AddDays(1), given.AddDays(-1), given.AddDays(2), Kolkata).ApplyTo(query);

        Assert.Equal(
            "{\"CreationTimeAfter\":1709296200.123,\"CreationTimeBefore\":1709382600.123,\"LastModifiedTimeAfter\":1709209800.123,\"LastModifiedTimeBefore\":1709469000.123}",
            Body(query));
    }

    private static string Body(AutoMLJobListQuery query)
    {
        var request = ListAutoMLJobsRequestMarshaller.Instance.Marshall(new ListAutoMLJobsRequest(query));
        Assert.Equal("SageMaker.ListAutoMLJobs", request.Headers["X-Amz-Target"]);
        return Encoding.UTF8.GetString(request.Content);
    }
}
