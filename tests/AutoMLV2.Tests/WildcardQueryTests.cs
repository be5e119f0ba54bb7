namespace AutoMLV2.Tests;

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
    public void NameContainsIsTheLongestLiteralRunAJobNameCanHold(string pattern, string? expected)
    {
        Assert.Equal(expected, WildcardQuery.NameContains(pattern));
    }
}
