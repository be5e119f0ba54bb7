namespace AutoMLV2.Tests.Engine.Connection;

using System;
using System.Linq;
using System.Text.Json;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// <see cref="EndpointRules"/> against the official SageMaker endpoint rule set, as botocore's rule
/// engine evaluates it for every partition and FIPS / dual-stack combination
/// (Fixtures/endpoint-cases.json, written by Fixtures/make_endpoint_cases.py).
/// </summary>
public sealed class EndpointRulesTests
{
    public static TheoryData<string, string?, bool, bool, string?, string?, string?> Cases()
    {
        var data = new TheoryData<string, string?, bool, bool, string?, string?, string?>();
        using var document = JsonDocument.Parse(TestEnvironment.ReadFixture("endpoint-cases.json"));
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var region = c.GetProperty("region").GetString();
            var fips = c.GetProperty("useFips").GetBoolean();
            var dual = c.GetProperty("useDualStack").GetBoolean();
            var endpoint = c.GetProperty("endpoint").GetString();
            var url = c.TryGetProperty("url", out var u) ? u.GetString() : null;
            var error = c.TryGetProperty("error", out var e) ? e.GetString() : null;
            var name = $"{region ?? "(no region)"} fips={fips} dualstack={dual}{(endpoint is null ? string.Empty : " endpoint=" + endpoint)}";
            data.Add(name, region, fips, dual, endpoint, url, error);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResolvesAsTheOfficialRuleSetDoes(string name, string? region, bool useFips, bool useDualStack, string? endpoint, string? expectedUrl, string? expectedError)
    {
        var custom = endpoint is null ? null : new Uri(endpoint);
        if (expectedUrl is not null)
        {
            var resolved = EndpointRules.Resolve(region, useFips, useDualStack, custom);
            Assert.True(new Uri(expectedUrl) == resolved, $"{name}: expected {expectedUrl}, got {resolved}");
        }
        else
        {
            var error = Assert.Throws<EndpointRuleException>(() => EndpointRules.Resolve(region, useFips, useDualStack, custom));
            Assert.StartsWith(expectedError!, error.Message);
        }
    }

    [Fact]
    public void TheCasesCoverEveryPartitionTheRuleSetKnows()
    {
        using var document = JsonDocument.Parse(TestEnvironment.ReadFixture("endpoint-cases.json"));
        var partitions = document.RootElement.GetProperty("partitions").EnumerateObject().Select(p => p.Value.GetProperty("dnsSuffix").GetString()!).ToList();
        var urls = document.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.TryGetProperty("url", out _)).Select(c => c.GetProperty("url").GetString()!).ToList();

        Assert.Contains("aws-iso-e", document.RootElement.GetProperty("partitions").EnumerateObject().Select(p => p.Name));
        Assert.All(partitions, suffix => Assert.Contains(urls, u => u.EndsWith("." + suffix, StringComparison.Ordinal)));
    }

    [Fact]
    public void ACustomEndpointIsKeptExactlyWithPathAndPort()
    {
        var custom = new Uri("http://127.0.0.1:5000/sagemaker/");

        Assert.Same(custom, EndpointRules.Resolve("us-east-1", false, false, custom));
        Assert.Same(custom, EndpointRules.Resolve(null, false, false, custom));
    }
}
