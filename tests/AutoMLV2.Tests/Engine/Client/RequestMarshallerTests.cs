namespace AutoMLV2.Tests.Engine.Client;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using AutoMLV2.Engine.Client;
using AutoMLV2.Internal;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// What the request marshallers send, against the request members of the official model
/// (tests/conformance/sagemaker-shapes.json): every member is one the operation has, of its type,
/// with a value its enum, range, length and pattern allow; required members are there. (The exact
/// bytes of a ListAutoMLJobs body, timestamps included, are in ListAutoMLJobsRequestMarshallerTests.)
/// </summary>
public sealed class RequestMarshallerTests
{
    [Fact]
    public void AListCandidatesRequestWithEveryMemberSetConformsToTheModel()
    {
        var query = new CandidateListQuery("churn-tabular-0115")
        {
            StatusEquals = "Completed",
            CandidateNameEquals = "churn-tabular-0115-hpo-017-7a1b2c3d",
            SortBy = "FinalObjectiveMetricValue",
            SortOrder = "Descending",
            MaxResults = 300,
            NextToken = "eyJvZmZzZXQiOjMwMH0=",
        };

        var (request, body) = Marshall(ListCandidatesForAutoMLJobRequestMarshaller.Instance, new ListCandidatesForAutoMLJobRequest(query));

        Assert.Equal("SageMaker.ListCandidatesForAutoMLJob", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/", request.ResourcePath);
        Assert.Empty(Problems("ListCandidatesForAutoMLJob", body));
        Assert.Equal(ServiceModel.RequestMembers("ListCandidatesForAutoMLJob").Keys.OrderBy(k => k, StringComparer.Ordinal), body.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(300, body.GetProperty("MaxResults").GetInt32());
        Assert.Equal("eyJvZmZzZXQiOjMwMH0=", body.GetProperty("NextToken").GetString());
    }

    [Fact]
    public void MembersThatAreNotSetAreNotSent()
    {
        var (_, body) = Marshall(ListCandidatesForAutoMLJobRequestMarshaller.Instance, new ListCandidatesForAutoMLJobRequest(new CandidateListQuery("churn-tabular-0115")));

        Assert.Equal("""{"AutoMLJobName":"churn-tabular-0115"}""", body.GetRawText());
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "Stopping")]
    public async Task EveryRequestTheLeaderboardMakesConformsToTheModel(bool minimized, string? status)
    {
        // 700 candidates: three pages each way, and a restart lowest first when minimized.
        var client = new FakeAutoMLClient().AddCandidates("churn-tabular-0115", Enumerable.Range(1, 700).Select(i => Jobs.Candidate($"c{i}", i / 1000d, minimized ? "Minimize" : "Maximize", status ?? "Completed")));
        var board = new CandidateLeaderboard("churn-tabular-0115", status, q => client.ListCandidatesForAutoMLJobAsync(q, default), _ => true, new RecordingLog());

        while (!board.Finished)
        {
            await board.NextAsync();
        }

        Assert.Equal(minimized ? 4 : 3, client.CandidateQueries.Count);
        foreach (var query in client.CandidateQueries)
        {
            var (_, body) = Marshall(ListCandidatesForAutoMLJobRequestMarshaller.Instance, new ListCandidatesForAutoMLJobRequest(query));
            Assert.Empty(Problems("ListCandidatesForAutoMLJob", body));
        }
    }

    [Fact]
    public void AListAutoMLJobsRequestWithEveryMemberSetConformsToTheModel()
    {
        var query = new AutoMLJobListQuery { NameContains = "churn-", StatusEquals = "Completed", SortBy = "CreationTime", SortOrder = "Descending", MaxResults = 100, NextToken = "t" };
        TimeFilter.Create(new DateTime(2024, 3, 1, 12, 0, 0, 250, DateTimeKind.Utc), new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 3, 0, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc).ApplyTo(query);

        var (request, body) = Marshall(ListAutoMLJobsRequestMarshaller.Instance, new ListAutoMLJobsRequest(query));

        Assert.Equal("SageMaker.ListAutoMLJobs", request.Headers["X-Amz-Target"]);
        Assert.Empty(Problems("ListAutoMLJobs", body));
        Assert.Equal(ServiceModel.RequestMembers("ListAutoMLJobs").Keys.OrderBy(k => k, StringComparer.Ordinal), body.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void ADescribeRequestConformsToTheModel()
    {
        var (request, body) = Marshall(DescribeAutoMLJobV2RequestMarshaller.Instance, new DescribeAutoMLJobV2Request { AutoMLJobName = "churn-tabular-0115" });

        Assert.Equal("SageMaker.DescribeAutoMLJobV2", request.Headers["X-Amz-Target"]);
        Assert.Empty(Problems("DescribeAutoMLJobV2", body));
    }

    [Fact]
    public void TheCheckNamesEveryWayABodyBreaksTheModel()
    {
        using var document = JsonDocument.Parse("""
            {"StatusEquals":"completed","SortBy":"Score","SortOrder":"Descending","MaxResults":301,"CandidateNameEquals":"","NextToken":7,"Page":2}
            """);

        var problems = Problems("ListCandidatesForAutoMLJob", document.RootElement);

        Assert.Contains(problems, p => p.StartsWith("StatusEquals:", StringComparison.Ordinal) && p.Contains("'completed'"));
        Assert.Contains(problems, p => p.StartsWith("SortBy:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MaxResults:", StringComparison.Ordinal) && p.Contains("301"));
        Assert.Contains(problems, p => p.StartsWith("CandidateNameEquals:", StringComparison.Ordinal) && p.Contains("length 0"));
        Assert.Contains(problems, p => p.StartsWith("NextToken:", StringComparison.Ordinal) && p.Contains("string"));
        Assert.Contains(problems, p => p.StartsWith("Page:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AutoMLJobName:", StringComparison.Ordinal) && p.Contains("required"));
        Assert.DoesNotContain(problems, p => p.StartsWith("SortOrder", StringComparison.Ordinal));
        Assert.Equal(7, problems.Count);
    }

    private static (IRequest Request, JsonElement Body) Marshall<TRequest>(JsonRequestMarshaller<TRequest> marshaller, TRequest input)
        where TRequest : AmazonWebServiceRequest
    {
        var request = marshaller.Marshall(input);
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(request.Content));
        return (request, document.RootElement.Clone());
    }

    /// <summary>Every way <paramref name="body"/> differs from the request members of <paramref name="operation"/>, one line each.</summary>
    private static List<string> Problems(string operation, JsonElement body)
    {
        var members = ServiceModel.RequestMembers(operation);
        var problems = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (!members.TryGetValue(property.Name, out var member))
            {
                problems.Add($"{property.Name}: not a member of the {operation} request");
                continue;
            }

            var value = property.Value;
            switch (member.GetProperty("type").GetString())
            {
                case "string" when value.ValueKind != JsonValueKind.String:
                    problems.Add($"{property.Name}: the model says string, the body has {value.ValueKind}");
                    continue;
                case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _):
                    problems.Add($"{property.Name}: the model says integer, the body has {value.GetRawText()}");
                    continue;
                case "timestamp" when value.ValueKind != JsonValueKind.Number:
                    problems.Add($"{property.Name}: the model says timestamp (epoch seconds), the body has {value.GetRawText()}");
                    continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString()!;
                if (member.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
                {
                    problems.Add($"{property.Name}: '{text}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}");
                }

                if ((member.TryGetProperty("min", out var min) && text.Length < min.GetInt32()) || (member.TryGetProperty("max", out var max) && text.Length > max.GetInt32()))
                {
                    problems.Add($"{property.Name}: length {text.Length} is outside the model's bounds");
                }

                if (member.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, "^(?:" + pattern.GetString() + ")\\z", RegexOptions.CultureInvariant))
                {
                    problems.Add($"{property.Name}: '{text}' does not match {pattern.GetString()}");
                }
            }
            else if (member.GetProperty("type").GetString() == "integer")
            {
                var number = value.GetInt32();
                if ((member.TryGetProperty("min", out var min) && number < min.GetInt32()) || (member.TryGetProperty("max", out var max) && number > max.GetInt32()))
                {
                    problems.Add($"{property.Name}: {number} is outside {member.GetProperty("min")}..{member.GetProperty("max")}");
                }
            }
        }

        foreach (var (name, member) in members)
        {
            if (member.GetProperty("required").GetBoolean() && !body.TryGetProperty(name, out _))
            {
                problems.Add($"{name}: required, but not sent");
            }
        }

        return problems;
    }
}
