namespace AutoMLV2.Tests.Commands;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AutoMLV2.Commands;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// Several regions and profiles in one command, over a fake engine with one client per region and
/// profile: fan-out in the order given, a failing connection as one error naming it, literal names
/// looked for everywhere, regions and profiles from the pipeline by property name, the origin view.
/// </summary>
[Collection(EngineOverrideCollection.Name)]
public sealed class EstateCommandTests : IDisposable
{
    private readonly FakeEngine engine = new();

    public EstateCommandTests()
    {
        EngineLoader.Override = engine;
    }

    public void Dispose()
    {
        EngineLoader.Override = null;
    }

    [Fact]
    public void EveryProfileAndRegionIsListedAndTheJobsComeOutInTheOrderGiven()
    {
        // The first region answers last: the order is still the order given.
        Region("eu-west-1", "prod").AddJob("w-1").Pages.Add(new[] { Jobs.Summary("w-1") });
        Region("us-east-1", "prod").AddJob("e-1").AddJob("e-2").Pages.Add(new[] { Jobs.Summary("e-2"), Jobs.Summary("e-1") });
        Region("eu-west-1", "dev").AddJob("d-1").Pages.Add(new[] { Jobs.Summary("d-1") });
        Region("us-east-1", "dev").Pages.Add(Array.Empty<AutoMLJobSummary>());
        engine.For("eu-west-1", "prod").Latency = (_, token) => System.Threading.Tasks.Task.Delay(150, token);

        var result = CmdletRunspace.Run("Get-AutoMLJobV2 -Region eu-west-1,us-east-1 -ProfileName prod,dev");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "w-1", "e-2", "e-1", "d-1" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(4, engine.Connects.Select(c => (c.Region, c.ProfileName)).Distinct().Count());
    }

    [Fact]
    public void AConnectionThatFailsIsOneErrorNamingItAndTheOthersStillComeOut()
    {
        Region("us-east-1").AddJob("e-1").Pages.Add(new[] { Jobs.Summary("e-1") });
        Region("eu-west-1").ListFailure = new AutoMLServiceException(AutoMLErrorKind.AccessDenied, "User is not authorized to perform sagemaker:ListAutoMLJobs", "AccessDeniedException", 400);
        Region("ap-south-1").AddJob("s-1").Pages.Add(new[] { Jobs.Summary("s-1") });
        engine.ConnectFailures[("ap-south-1", null)] = new AutoMLConfigurationException(AutoMLConfigurationError.InvalidRegion, "opted out");

        var result = CmdletRunspace.Run("Get-AutoMLJobV2 -Region us-east-1,eu-west-1,ap-south-1");

        Assert.Equal(new[] { "e-1" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(2, result.Errors.Count);
        var denied = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("AccessDenied,", StringComparison.Ordinal));
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Equal("eu-west-1", denied.TargetObject);
        Assert.StartsWith("eu-west-1: ", denied.ErrorDetails.Message, StringComparison.Ordinal);
        var optedOut = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("InvalidRegion,", StringComparison.Ordinal));
        Assert.Equal("ap-south-1", optedOut.TargetObject);
    }

    [Fact]
    public void AFailingConnectionIsReportedOnceAndAskedNoMore()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            Region("us-east-1").AddJob(name);
        }

        var denied = Region("eu-west-1");
        denied.Latency = (_, _) => throw new AutoMLServiceException(AutoMLErrorKind.AccessDenied, "denied", "AccessDeniedException", 400);

        var result = CmdletRunspace.Run("Get-AutoMLJobV2 a,b,c -Region eu-west-1,us-east-1 -ThrottleLimit 1");

        Assert.Equal(new[] { "a", "b", "c" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal("eu-west-1", Assert.Single(result.Errors).TargetObject);
        Assert.Single(denied.Described);
    }

    [Fact]
    public void ALiteralNameIsLookedForInEveryConnectionAndNotFoundOnlyWhereNoneHasIt()
    {
        Region("eu-west-1").AddJob("here");
        Region("us-east-1");

        var result = CmdletRunspace.Run("Get-AutoMLJobV2 here,nowhere -Region us-east-1,eu-west-1");

        Assert.Equal(new[] { "here" }, result.Jobs.Select(j => j.AutoMLJobName));
        var missing = Assert.Single(result.Errors);
        Assert.Equal("AutoMLJobNotFound," + typeof(GetAutoMLJobV2Command).FullName, missing.FullyQualifiedErrorId);
        Assert.Equal("nowhere", missing.TargetObject);
        Assert.Contains("us-east-1; eu-west-1", missing.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOneRegionAConfigurationErrorStillEndsTheCommand()
    {
        engine.ConnectFailures[("eu-west-1", null)] = new AutoMLConfigurationException(AutoMLConfigurationError.NoCredentials, "none");

        var error = Assert.ThrowsAny<RuntimeException>(() => CmdletRunspace.Invoke("Get-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "a" }, ["Region"] = new[] { "eu-west-1" } }));

        Assert.StartsWith("NoCredentials,", error.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void RegionsAndProfilesComeFromThePipelineByPropertyNameAndTheCommandLineWins()
    {
        Region("eu-west-1", "prod").AddJob("w-1");
        Region("us-east-1").AddJob("e-1");
        Region("ap-south-1").AddJob("w-1");

        var piped = CmdletRunspace.Run("[pscustomobject]@{ AutoMLJobName = 'w-1'; Region = 'eu-west-1'; ProfileName = 'prod' }, [pscustomobject]@{ AutoMLJobName = 'e-1'; Region = 'us-east-1'; ProfileName = $null } | Get-AutoMLJobV2");
        var overridden = CmdletRunspace.Run("[pscustomobject]@{ AutoMLJobName = 'w-1'; Region = 'eu-west-1' } | Get-AutoMLJobV2 -Region ap-south-1");

        Assert.Empty(piped.Errors);
        Assert.Equal(new[] { "w-1", "e-1" }, piped.Jobs.Select(j => j.AutoMLJobName));
        Assert.Single(engine.For("ap-south-1").Described);
        Assert.Empty(overridden.Errors);
    }

    [Fact]
    public void ANameAfterAPipedJobIsLookedForInTheDefaultRegionNotInTheJobs()
    {
        Region("eu-west-1").AddJob("w-1");
        Region(null).AddJob("plain");

        var result = CmdletRunspace.Run("[pscustomobject]@{ AutoMLJobName = 'w-1'; Region = 'eu-west-1' }, 'plain' | Get-AutoMLJobV2");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "w-1", "plain" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(new[] { "plain" }, engine.For(null).Described);
    }

    [Fact]
    public void JobsFromSeveralConnectionsAreMarkedForTheOriginViewAndJobsFromOneAreNot()
    {
        Region("us-east-1").AddJob("e-1");
        Region("eu-west-1").AddJob("w-1");

        // One first: the fake hands out the same objects every time, and a PSObject's type names stay with the object.
        var one = TypeNames("Get-AutoMLJobV2 e-1 -Region us-east-1");
        var several = TypeNames("Get-AutoMLJobV2 e-1,w-1 -Region us-east-1,eu-west-1 -ErrorAction SilentlyContinue");

        Assert.All(several, names => Assert.Equal(AutoMLCmdletBase.JobOriginTypeName, names[0]));
        Assert.Equal(2, several.Count);
        Assert.DoesNotContain(AutoMLCmdletBase.JobOriginTypeName, Assert.Single(one));
    }

    [Fact]
    public void WaitPollsEachPipedJobInItsOwnRegion()
    {
        Region("eu-west-1").Statuses("job", "InProgress", "Completed");
        Region("us-east-1").Statuses("job", "Completed");

        var result = CmdletRunspace.Run("[pscustomobject]@{ AutoMLJobName = 'job'; Region = 'eu-west-1' }, [pscustomobject]@{ AutoMLJobName = 'job'; Region = 'us-east-1' } | Wait-AutoMLJobV2 -PollInterval 1");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Jobs.Count);
        Assert.Equal(2, engine.For("eu-west-1").Described.Count);
        Assert.Single(engine.For("us-east-1").Described);
    }

    [Fact]
    public void CredentialsThatFailForOneRegionDuringAWaitEndOnlyThatRegionsJobs()
    {
        Region("eu-west-1").Job("job", _ => throw new AutoMLConfigurationException(AutoMLConfigurationError.CredentialsUnavailable, "The MFA code was refused."));
        Region("us-east-1").Statuses("job", "InProgress", "Completed");

        var result = CmdletRunspace.Run("[pscustomobject]@{ AutoMLJobName = 'job'; Region = 'eu-west-1' }, [pscustomobject]@{ AutoMLJobName = 'job'; Region = 'us-east-1' } | Wait-AutoMLJobV2 -PollInterval 1");

        Assert.Equal("us-east-1", Assert.Single(result.Jobs).Region ?? "us-east-1");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("CredentialsUnavailable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", error.TargetObject);
    }

    [Fact]
    public void WaitTakesOneRegionOnItsCommandLine()
    {
        var error = Assert.ThrowsAny<RuntimeException>(() => CmdletRunspace.Invoke("Wait-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "job" }, ["Region"] = new[] { "us-east-1", "eu-west-1" } }));

        Assert.StartsWith("TooManyConnections,", error.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(engine.Connects);
    }

    [Fact]
    public void CandidatesOfALiteralNameComeFromTheConnectionThatHasTheJob()
    {
        Region("us-east-1");
        Region("eu-west-1").AddCandidates("churn", new[] { Jobs.Candidate("c-1", 0.9), Jobs.Candidate("c-2", 0.8) });

        var result = CmdletRunspace.Run("Get-AutoMLJobV2Candidate churn -Region us-east-1,eu-west-1");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "c-1", "c-2" }, result.Candidates.Select(c => c.CandidateName));
        Assert.All(result.Candidates, c => Assert.True(c.ShowOrigin));
    }

    [Fact]
    public void AThrottledRegionPausesOnlyItsOwnRequests()
    {
        var throttled = Region("eu-west-1").AddJob("w-1");
        throttled.Throttles["w-1"] = 1;
        Region("us-east-1").AddJob("e-1");

        var result = CmdletRunspace.Run("Get-AutoMLJobV2 w-1,e-1 -Region eu-west-1,us-east-1 -Verbose -ErrorAction SilentlyContinue");

        Assert.Equal(new[] { "w-1", "e-1" }, result.Jobs.Select(j => j.AutoMLJobName));
        var pause = Assert.Single(result.Verbose, line => line.Contains("was throttled", StringComparison.Ordinal));
        Assert.Contains("every request to eu-west-1 pauses", pause, StringComparison.Ordinal);
    }

    private FakeAutoMLClient Region(string? region, string? profile = null) => engine.For(region, profile);

    private static List<List<string>> TypeNames(string script)
    {
        using var shell = PowerShell.Create(CmdletRunspace.State());
        shell.AddScript(script);
        return shell.Invoke().Select(o => o.TypeNames.ToList()).ToList();
    }
}
