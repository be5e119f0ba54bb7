namespace AutoMLV2.Tests.Engine.Connection;

using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;
using Xunit;

/// <summary>AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, else the profile's max_attempts / retry_mode, else 3 attempts, standard.</summary>
public sealed class RetrySettingsChooserTests
{
    private readonly Dictionary<string, string?> env = new();

    [Fact]
    public void NothingSetIsThreeAttemptsInStandardMode()
    {
        var settings = Choose(null);

        Assert.Equal(3, settings.MaxAttempts);
        Assert.Equal(RequestRetryMode.Standard, settings.Mode);
        Assert.Equal("defaults", settings.Source);
    }

    [Fact]
    public void TheEnvironmentWinsOverTheProfile()
    {
        env["AWS_MAX_ATTEMPTS"] = "7";
        env["AWS_RETRY_MODE"] = "legacy";

        var settings = Choose(Profile(maxAttempts: 5, RequestRetryMode.Adaptive));

        Assert.Equal(7, settings.MaxAttempts);
        Assert.Equal(RequestRetryMode.Standard, settings.Mode);
        Assert.Equal("AWS_MAX_ATTEMPTS, AWS_RETRY_MODE", settings.Source);
    }

    [Fact]
    public void TheProfileIsUsedWhenTheEnvironmentSaysNothing()
    {
        var settings = Choose(Profile(maxAttempts: 5, RequestRetryMode.Adaptive));

        Assert.Equal(5, settings.MaxAttempts);
        Assert.Equal(RequestRetryMode.Adaptive, settings.Mode);
        Assert.Equal("max_attempts of profile 'work', retry_mode of profile 'work'", settings.Source);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("three")]
    public void AnEnvironmentAttemptCountOutOfRangeIsAConfigurationError(string value)
    {
        env["AWS_MAX_ATTEMPTS"] = value;

        var e = Assert.Throws<AutoMLConfigurationException>(() => Choose(null));

        Assert.Equal(AutoMLConfigurationError.InvalidRetrySettings, e.Error);
        Assert.Contains("AWS_MAX_ATTEMPTS", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-2)]
    public void AProfileAttemptCountOutOfRangeIsAConfigurationErrorNamingTheProfile(int value)
    {
        var e = Assert.Throws<AutoMLConfigurationException>(() => Choose(Profile(maxAttempts: value, null)));

        Assert.Equal(AutoMLConfigurationError.InvalidRetrySettings, e.Error);
        Assert.Contains("max_attempts of profile 'work'", e.Message);
        Assert.Contains($"'{value}'", e.Message);
    }

    [Fact]
    public void AnUnknownRetryModeIsAConfigurationError()
    {
        env["AWS_RETRY_MODE"] = "turbo";

        var e = Assert.Throws<AutoMLConfigurationException>(() => Choose(null));

        Assert.Equal(AutoMLConfigurationError.InvalidRetrySettings, e.Error);
    }

    private static CredentialProfile Profile(int? maxAttempts, RequestRetryMode? mode) =>
        new("work", new CredentialProfileOptions { AccessKey = "AKIAWORKPROFILE01", SecretKey = "x" })
        {
            MaxAttempts = maxAttempts,
            RetryMode = mode,
        };

    private RetrySettings Choose(CredentialProfile? profile) =>
        new RetrySettingsChooser(name => env.TryGetValue(name, out var value) ? value : null).Choose(profile);
}
