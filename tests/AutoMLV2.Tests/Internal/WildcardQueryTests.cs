namespace AutoMLV2.Tests.Internal;

using AutoMLV2.Internal;
using Xunit;

public sealed class WildcardQueryTests
{
    [Theory]
    [InlineData("churn-*", "churn-")]
    [InlineData("*-2024-*", "-2024-")]
    [InlineData("nightly-?-run*", "nightly-")]
    [InlineData("ab*abcdef*", "abcdef")]
    [InlineData("*", null)]
    [InlineData("[a-z]*", null)]
    [InlineData("churn-[0-9]*", "churn-")]
    [InlineData("job`[1`]*", "job")]
    [InlineData("x*y_long_z*", "long")]
    [InlineData("churn-2024-??", "churn-2024-")]
    [InlineData("*churn*", "churn")]
    [InlineData("*.csv", "csv")]
    [InlineData("ab?cd", "ab")]
    [InlineData("a?b*c", "a")]
    [InlineData("--*", "--")]
    [InlineData("Churn-*", "Churn-")]
    [InlineData("job`*name*", "name")]
    [InlineData("job`?x*", "job")]
    [InlineData("``tick*", "tick")]
    [InlineData("[abc]", null)]
    [InlineData("[abc", null)]
    [InlineData("[a-z][0-9]*-prod", "-prod")]
    [InlineData("???", null)]
    [InlineData("", null)]
    [InlineData("日本*", null)]
    [InlineData("ré-sumé*", "-sum")]
    [InlineData("exact-name", "exact-name")]
    public void NameContainsIsTheLongestLiteralRunAJobNameCanHold(string pattern, string? expected)
    {
        Assert.Equal(expected, WildcardQuery.NameContains(pattern));
    }

    [Fact]
    public void NameContainsNeverExceedsTheApiLimit()
    {
        var pattern = new string('x', 100) + "*";

        Assert.Equal(new string('x', 63), WildcardQuery.NameContains(pattern));
    }

    [Theory]
    [InlineData("churn-*", "churn-2024", true)]
    [InlineData("*-2024-*", "churn-2024-11", true)]
    [InlineData("churn-[0-9]*", "churn-7x", true)]
    [InlineData("nightly-?-run*", "nightly-a-run-3", true)]
    public void TheFilterIsANecessaryConditionOfTheMatch(string pattern, string name, bool matches)
    {
        // Whatever NameContains returns must be contained in every name the pattern matches.
        var filter = WildcardQuery.NameContains(pattern);
        var wildcard = new System.Management.Automation.WildcardPattern(pattern, System.Management.Automation.WildcardOptions.IgnoreCase);

        Assert.Equal(matches, wildcard.IsMatch(name));
        Assert.True(filter is null || name.Contains(filter, System.StringComparison.OrdinalIgnoreCase), $"'{name}' matches '{pattern}' but does not contain '{filter}'");
    }
}
