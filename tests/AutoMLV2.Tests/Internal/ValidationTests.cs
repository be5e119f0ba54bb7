namespace AutoMLV2.Tests.Internal;

using AutoMLV2.Internal;
using Xunit;

/// <summary>The local checks that run before any request is sent.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("Z")]
    [InlineData("7")]
    [InlineData("a--b")]
    [InlineData("a---------b")]
    [InlineData("churn-tabular-2023-11")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")] // 32
    [InlineData("a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-pq")] // 32 with hyphens
    public void ValidNamesHaveNoProblem(string name)
    {
        Assert.Null(Validation.JobNameProblem(name));
        Assert.Matches(Validation.JobNamePattern, name);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" ", "empty")]
    [InlineData("\t\r\n", "empty")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "33 characters")]
    [InlineData("this-is-a-very-long-automl-job-name-that-goes-on-and-on-and-on", "62 characters")]
    [InlineData("-churn", "'-churn'")]
    [InlineData("churn-", "'churn-'")]
    [InlineData("-", "'-'")]
    [InlineData("churn_2024", "'churn_2024'")]
    [InlineData("churn 2024", "'churn 2024'")]
    [InlineData(" churn", "' churn'")]
    [InlineData("churn\n", "churn")]
    [InlineData("jöb", "'jöb'")]
    [InlineData("ｊｏｂ", "'ｊｏｂ'")]
    [InlineData("jo\u200Bb", "jo")]
    [InlineData("a;b", "'a;b'")]
    [InlineData("$(x)", "'$(x)'")]
    [InlineData("a|b", "'a|b'")]
    [InlineData("a&b", "'a&b'")]
    [InlineData("`whoami`", "'`whoami`'")]
    [InlineData("../etc", "'../etc'")]
    [InlineData("a.b", "'a.b'")]
    public void InvalidNamesSayWhy(string name, string expectedInMessage)
    {
        var problem = Validation.JobNameProblem(name);

        Assert.NotNull(problem);
        Assert.Contains(expectedInMessage, problem);
    }

    [Fact]
    public void NullIsAProblemToo()
    {
        Assert.Contains("null", Validation.JobNameProblem(null));
    }

    [Fact]
    public void AVeryLongNameIsShortenedInTheMessage()
    {
        var problem = Validation.JobNameProblem(new string('a', 5000))!;

        Assert.Contains("5000 characters", problem);
        Assert.True(problem.Length < 200, problem);
    }

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-west-2", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("cn-northwest-1", true)]
    [InlineData("us-isob-east-1", true)]
    [InlineData("eu-isoe-west-1", true)]
    [InlineData("eusc-de-east-1", true)] // AWS European Sovereign Cloud (partition aws-eusc)
    [InlineData("ap-southeast-5", true)]
    [InlineData("Mars", false)]
    [InlineData("us east 1", false)]
    [InlineData("US-EAST-1", false)]
    [InlineData("us-east", false)]
    [InlineData("us-east-1a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void RegionNames(string? value, bool expected)
    {
        Assert.Equal(expected, Validation.IsRegionName(value));
    }

    [Fact]
    public void EveryRegionOfEveryPartitionIsARegionName()
    {
        // The regions of Fixtures/endpoint-cases.json: one or two of each partition botocore knows.
        using var document = System.Text.Json.JsonDocument.Parse(AutoMLV2.Tests.Support.TestEnvironment.ReadFixture("endpoint-cases.json"));
        var rejected = new System.Collections.Generic.SortedSet<string>();
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("region").GetString() is string region && !Validation.IsRegionName(region))
            {
                rejected.Add(region);
            }
        }

        Assert.True(rejected.Count == 0, "Real regions rejected as not a region name: " + string.Join(", ", rejected));
    }

    [Theory]
    [InlineData("https://api.sagemaker.us-east-1.amazonaws.com", true)]
    [InlineData("http://localhost:4566", true)]
    [InlineData(" http://127.0.0.1:5000/ ", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("example.com", false)]
    [InlineData("/relative/path", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    public void EndpointUrls(string? value, bool valid)
    {
        Assert.Equal(valid, Validation.EndpointUrlProblem(value) is null);
    }
}
