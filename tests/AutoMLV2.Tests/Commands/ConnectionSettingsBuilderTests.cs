namespace AutoMLV2.Tests.Commands;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using AutoMLV2.Commands;
using AutoMLV2.Internal;
using Xunit;

public sealed class ConnectionSettingsBuilderTests
{
    private static readonly Dictionary<string, object?> NoVariables = new();

    [Fact]
    public void EveryCommonParameterOfTheCmdletsIsReadAndNothingElse()
    {
        var common = typeof(AutoMLCmdletBase).GetProperties()
            .Where(p => p.DeclaringType == typeof(AutoMLCmdletBase) && p.GetCustomAttributes<ParameterAttribute>().Any())
            .Select(p => p.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
        var asked = new List<string>();

        ConnectionSettingsBuilder.Build(name => { asked.Add(name); return null; }, _ => null, p => p);

        Assert.Equal(common, asked.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void ParametersSessionVariablesAndPathsBecomeSettings()
    {
        var credential = new object();
        var parameters = new Dictionary<string, object?>
        {
            ["Region"] = new PSObject("eu-west-2"),
            ["ProfileName"] = "work",
            ["ProfileLocation"] = "creds",
            ["AccessKey"] = "AKIAEXAMPLE0000001",
            ["SecretKey"] = "secret",
            ["SessionToken"] = "token",
            ["Credential"] = new PSObject(credential),
            ["EndpointUrl"] = "http://localhost:4566",
        };
        var variables = new Dictionary<string, object?> { ["StoredAWSRegion"] = "ap-southeast-2", ["StoredAWSCredentials"] = "team", ["AutoMLV2RequestTimeoutSeconds"] = "2.5" };

        var settings = Build(parameters, variables);

        Assert.Equal(
            new ConnectionSettings
            {
                Region = "eu-west-2",
                ProfileName = "work",
                ProfileLocation = "/home/me/creds",
                AccessKey = "AKIAEXAMPLE0000001",
                SecretKey = "secret",
                SessionToken = "token",
                Credential = credential,
                EndpointUrl = "http://localhost:4566",
                StoredRegion = "ap-southeast-2",
                StoredCredentials = "team",
                RequestTimeout = TimeSpan.FromSeconds(2.5),
            },
            settings);
    }

    [Fact]
    public void AnAwsToolsRegionObjectNamesItsRegion()
    {
        var settings = Build(new() { ["Region"] = new { Region = "eu-central-1" } }, NoVariables);

        Assert.Equal("eu-central-1", settings.Region);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("-5")]
    [InlineData("3601")]
    [InlineData("soon")]
    public void ARequestTimeoutOutOfRangeIsAConfigurationError(string value)
    {
        var e = Assert.Throws<AutoMLConfigurationException>(() => Build(new(), new() { ["AutoMLV2RequestTimeoutSeconds"] = value }));

        Assert.Equal(AutoMLConfigurationError.InvalidRequestTimeout, e.Error);
        Assert.Contains("between 1 and 3600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsThatSayTheSameAreEqualSoTheyShareAClient()
    {
        var one = Build(new() { ["Region"] = "eu-west-1", ["ProfileName"] = "work" }, NoVariables);
        var two = Build(new() { ["ProfileName"] = "work", ["Region"] = "eu-west-1" }, NoVariables);

        Assert.Equal(one, two);
        Assert.NotEqual(one, one with { Region = "eu-west-2" });
    }

    [Fact]
    public void TheSettingsTextNeverCarriesASecret()
    {
        var settings = Build(new() { ["AccessKey"] = "AKIAEXAMPLE0000001", ["SecretKey"] = "wJalrXUtnFEMI/K7MDENG", ["SessionToken"] = "FwoGZXIvYXdzEXAMPLE" }, NoVariables);

        Assert.DoesNotContain("wJalrXUtnFEMI", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("FwoGZXIvYXdz", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProfileTimesEveryRegionIsATargetProfilesFirstDuplicatesOnce()
    {
        var targets = Targets(new() { ["Region"] = new object[] { "us-east-1", new PSObject("eu-west-1"), "us-east-1" }, ["ProfileName"] = new[] { "prod", "dev" }, ["EndpointUrl"] = "http://localhost:4566" });

        Assert.Equal(
            new[] { ("prod", "us-east-1"), ("prod", "eu-west-1"), ("dev", "us-east-1"), ("dev", "eu-west-1") },
            targets.Select(t => (t.ProfileName!, t.Region!)));
        Assert.All(targets, t => Assert.Equal("http://localhost:4566", t.EndpointUrl));
    }

    [Fact]
    public void OneRegionOrNoneIsOneTarget()
    {
        Assert.Equal("eu-west-1", Assert.Single(Targets(new() { ["Region"] = new[] { "eu-west-1" } })).Region);
        var none = Assert.Single(Targets(new()));
        Assert.Null(none.Region);
        Assert.Null(none.ProfileName);
    }

    [Fact]
    public void BlankAndNullValuesFromThePipelineAreNotTargets()
    {
        var target = Assert.Single(Targets(new() { ["Region"] = new string?[] { null, " " }, ["ProfileName"] = null }));

        Assert.Null(target.Region);
    }

    private static ConnectionSettings Build(Dictionary<string, object?> parameters, Dictionary<string, object?> variables)
        => Assert.Single(ConnectionSettingsBuilder.Build(
            name => parameters.TryGetValue(name, out var value) ? value : null,
            name => variables.TryGetValue(name, out var value) ? value : null,
            path => "/home/me/" + path));

    private static IReadOnlyList<ConnectionSettings> Targets(Dictionary<string, object?> parameters)
        => ConnectionSettingsBuilder.Build(name => parameters.TryGetValue(name, out var value) ? value : null, _ => null, path => path);
}
