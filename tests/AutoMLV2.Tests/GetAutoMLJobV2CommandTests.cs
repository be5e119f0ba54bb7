extern alias foreign;

namespace AutoMLV2.Tests;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AutoMLV2.Commands;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>Tests that set the process-wide <see cref="EngineLoader.Override"/> run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineOverrideCollection
{
    public const string Name = "EngineLoader.Override";
}

/// <summary>
/// Get-AutoMLJobV2 in a real PowerShell runspace, over a fake engine: ordering, per-name errors,
/// validation before any call, wildcard listing, -Status, -ThrottleLimit and terminating
/// configuration errors.
/// </summary>
[Collection(EngineOverrideCollection.Name)]
public sealed class GetAutoMLJobV2CommandTests : IDisposable
{
    private const string CommandName = "AutoMLV2.Commands.GetAutoMLJobV2Command";
    private readonly FakeEngine engine = new();

    public GetAutoMLJobV2CommandTests()
    {
        EngineLoader.Override = engine;
    }

    public void Dispose()
    {
        EngineLoader.Override = null;
    }

    [Fact]
    public void LiteralNamesComeOutInTheOrderGivenEvenWhenLaterOnesFinishFirst()
    {
        var names = new[] { "job-a", "job-b", "job-c", "job-d", "job-e", "job-f" };
        foreach (var name in names)
        {
            engine.Client.AddJob(name);
        }

        engine.Client.DescribeDelay = name => TimeSpan.FromMilliseconds(20 * (names.Length - Array.IndexOf(names, name)));

        var result = Run("Get-AutoMLJobV2 -AutoMLJobName job-a,job-b,job-c,job-d,job-e,job-f");

        Assert.Empty(result.Errors);
        Assert.Equal(names, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.True(engine.Client.MaxConcurrentDescribes > 1, "the names were described one after the other");
        Assert.Single(engine.Connects); // one client per invocation
    }

    [Fact]
    public void NamesFromThePipelineByValueAndByPropertyNameKeepTheirOrder()
    {
        engine.Client.AddJob("job-a").AddJob("job-b").AddJob("job-c");
        engine.Client.DescribeDelay = name => name == "job-a" ? TimeSpan.FromMilliseconds(80) : TimeSpan.Zero;

        var byValue = Run("'job-a','job-b','job-c' | Get-AutoMLJobV2");
        var byProperty = Run("[pscustomobject]@{ AutoMLJobName = 'job-c' }, [pscustomobject]@{ AutoMLJobName = 'job-a' } | Get-AutoMLJobV2");

        Assert.Equal(new[] { "job-a", "job-b", "job-c" }, byValue.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(new[] { "job-c", "job-a" }, byProperty.Jobs.Select(j => j.AutoMLJobName));
    }

    [Fact]
    public void AMissingJobIsAnErrorRecordInItsPlaceAndTheOthersStillComeOut()
    {
        engine.Client.AddJob("job-a").AddJob("job-b");

        var result = Run("Get-AutoMLJobV2 job-a, missing-job, job-b 2>&1");

        Assert.Equal(new[] { "job-a", "ERROR missing-job", "job-b" }, result.Stream.Select(Describe));
        var error = Assert.Single(result.Errors);
        Assert.Equal("AutoMLJobNotFound," + CommandName, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("missing-job", error.TargetObject);
        var exception = Assert.IsType<AutoMLServiceException>(error.Exception);
        Assert.Equal(AutoMLErrorKind.NotFound, exception.Kind);
        Assert.Equal("ResourceNotFound", exception.ErrorCode);
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("-leading")]
    [InlineData("way-too-long-for-an-automl-job-name-x")]
    [InlineData("jöb")]
    [InlineData("a;b")]
    public void AnInvalidNameIsRejectedWithoutCallingTheService(string invalid)
    {
        engine.Client.AddJob("job-a").AddJob("job-b");

        var result = Run("param($names) Get-AutoMLJobV2 -AutoMLJobName $names 2>&1", new[] { "job-a", invalid, "job-b" });

        Assert.Equal(new[] { "job-a", "ERROR " + invalid, "job-b" }, result.Stream.Select(Describe));
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidAutoMLJobName," + CommandName, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(invalid, error.TargetObject);
        Assert.DoesNotContain(invalid, engine.Client.Described);
        Assert.Equal(new[] { "job-a", "job-b" }, engine.Client.Described.OrderBy(n => n));
    }

    [Fact]
    public void ANameWithATrailingNewlineIsRejectedWithoutCallingTheService()
    {
        engine.Client.AddJob("job-a");

        var result = Run("param($names) Get-AutoMLJobV2 -AutoMLJobName $names 2>&1", new[] { "job-a\n" });

        Assert.Equal("InvalidAutoMLJobName," + CommandName, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(engine.Client.Described);
    }

    [Theory]
    [InlineData("''")]
    [InlineData("$null")]
    [InlineData("@()")]
    public void AnEmptyOrNullNameIsAnInvalidNameError(string argument)
    {
        var result = Run($"Get-AutoMLJobV2 -AutoMLJobName {argument} 2>&1");

        Assert.Equal("InvalidAutoMLJobName," + CommandName, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(result.Jobs);
        Assert.Empty(engine.Client.Described);
        Assert.Empty(engine.Client.Listed);
    }

    [Fact]
    public void AWildcardListsOncePerPageNewestFirstAndDescribesTheMatchesInThatOrder()
    {
        engine.Client.Pages.Add(new[] { FakeClient.Summary("churn-0312"), FakeClient.Summary("fraud-0312"), FakeClient.Summary("churn-0311", "Failed") });
        engine.Client.Pages.Add(new[] { FakeClient.Summary("CHURN-0310"), FakeClient.Summary("xchurn-0309") });
        foreach (var name in new[] { "churn-0312", "fraud-0312", "churn-0311", "CHURN-0310", "xchurn-0309" })
        {
            engine.Client.AddJob(name);
        }

        engine.Client.DescribeDelay = name => name == "churn-0312" ? TimeSpan.FromMilliseconds(60) : TimeSpan.Zero;

        var result = Run("Get-AutoMLJobV2 -AutoMLJobName 'churn-*'");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "churn-0312", "churn-0311", "CHURN-0310" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(new[] { "churn-0311", "churn-0312", "CHURN-0310" }.OrderBy(n => n), engine.Client.Described.OrderBy(n => n));
        var queries = engine.Client.Listed.ToArray();
        Assert.Equal(2, queries.Length);
        Assert.All(queries, q =>
        {
            Assert.Equal("churn-", q.NameContains);
            Assert.Equal("CreationTime", q.SortBy);
            Assert.Equal("Descending", q.SortOrder);
            Assert.Null(q.StatusEquals);
            Assert.InRange(q.MaxResults ?? 0, 1, 100);
        });
        Assert.Equal(new string?[] { null, "1" }, queries.Select(q => q.NextToken));
    }

    [Fact]
    public void WithoutANameEveryJobIsListedAndDescribed()
    {
        engine.Client.Pages.Add(new[] { FakeClient.Summary("job-2"), FakeClient.Summary("job-1") });
        engine.Client.AddJob("job-2").AddJob("job-1");

        var result = Run("Get-AutoMLJobV2");

        Assert.Equal(new[] { "job-2", "job-1" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Null(Assert.Single(engine.Client.Listed).NameContains);
    }

    [Fact]
    public void StatusFiltersWildcardListingsOnTheServiceAndLiteralNamesLocally()
    {
        engine.Client.Pages.Add(new[] { FakeClient.Summary("job-3", "InProgress"), FakeClient.Summary("job-2", "Completed"), FakeClient.Summary("job-1", "Completed") });
        engine.Client.AddJob("job-3", "InProgress").AddJob("job-2", "Completed").AddJob("job-1", "Completed");

        var wildcard = Run("Get-AutoMLJobV2 job-* -Status completed");
        var literal = Run("Get-AutoMLJobV2 job-3, job-2 -Status InProgress");

        Assert.Equal(new[] { "job-2", "job-1" }, wildcard.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal("completed", engine.Client.Listed.Single().StatusEquals, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new[] { "job-3" }, literal.Jobs.Select(j => j.AutoMLJobName));
        Assert.Empty(literal.Errors);
    }

    [Fact]
    public void AnUnknownStatusIsRejectedBeforeAnythingIsSent()
    {
        var error = Assert.ThrowsAny<ParameterBindingException>(() => Invoke(new() { ["AutoMLJobName"] = new[] { "job-a" }, ["Status"] = "Paused" }));

        Assert.Contains("Paused", error.Message);
        Assert.Empty(engine.Connects);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ConcurrencyIsBoundedByThrottleLimit(int limit)
    {
        var names = Enumerable.Range(1, 10).Select(i => "job-" + i).ToArray();
        foreach (var name in names)
        {
            engine.Client.AddJob(name);
        }

        engine.Client.DescribeDelay = _ => TimeSpan.FromMilliseconds(25);

        var result = Run($"Get-AutoMLJobV2 {string.Join(",", names)} -ThrottleLimit {limit}");

        Assert.Equal(names, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(limit, engine.Client.MaxConcurrentDescribes);
    }

    [Fact]
    public void TheDefaultThrottleLimitIsSixteen()
    {
        var names = Enumerable.Range(1, 40).Select(i => "job-" + i).ToArray();
        foreach (var name in names)
        {
            engine.Client.AddJob(name);
        }

        engine.Client.DescribeDelay = _ => TimeSpan.FromMilliseconds(25);

        var result = Run($"Get-AutoMLJobV2 {string.Join(",", names)}");

        Assert.Equal(40, result.Jobs.Count);
        Assert.InRange(engine.Client.MaxConcurrentDescribes, 2, 16);
    }

    [Fact]
    public void AThrottledDescribeIsSentAgainAfterAPauseInsteadOfFailing()
    {
        engine.Client.AddJob("job-a").AddJob("job-b").AddJob("job-c");
        engine.Client.Throttles["job-b"] = 1;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Run("Get-AutoMLJobV2 job-a,job-b,job-c -Verbose");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "job-a", "job-b", "job-c" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(2, engine.Client.Described.Count(n => n == "job-b"));
        Assert.Contains(result.Verbose, v => v.Contains("'job-b' was throttled") && v.Contains("pauses"));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.45, 10);
    }

    [Theory]
    [InlineData(AutoMLConfigurationError.ProfileNotFound, ErrorCategory.ObjectNotFound)]
    [InlineData(AutoMLConfigurationError.NoCredentials, ErrorCategory.AuthenticationError)]
    [InlineData(AutoMLConfigurationError.NoRegion, ErrorCategory.InvalidArgument)]
    [InlineData(AutoMLConfigurationError.CredentialsFileInvalid, ErrorCategory.InvalidData)]
    public void AConfigurationErrorFromConnectIsTerminatingWithItsErrorId(AutoMLConfigurationError errorId, ErrorCategory category)
    {
        engine.Client.AddJob("job-a");
        engine.ConnectFailure = new AutoMLConfigurationException(errorId, $"Configuration problem {errorId}.");

        var error = Assert.ThrowsAny<RuntimeException>(() => Invoke(new() { ["AutoMLJobName"] = new[] { "job-a", "job-b" } }));

        Assert.Equal(errorId + "," + CommandName, error.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(category, error.ErrorRecord.CategoryInfo.Category);
        Assert.Equal($"Configuration problem {errorId}.", error.ErrorRecord.Exception.Message);
        Assert.Empty(engine.Client.Described);
    }

    [Fact]
    public void ParametersAndSessionVariablesReachTheEngine()
    {
        engine.Client.AddJob("job-a");
        var variables = new Dictionary<string, object?>
        {
            ["StoredAWSRegion"] = "ap-southeast-2",
            ["StoredAWSCredentials"] = "team",
            ["AutoMLV2RequestTimeoutSeconds"] = 15,
        };

        Run("Get-AutoMLJobV2 job-a -Region eu-west-2 -ProfileName work -EndpointUrl http://localhost:4566", variables: variables);

        var settings = Assert.Single(engine.Connects);
        Assert.Equal("eu-west-2", settings.Region);
        Assert.Equal("work", settings.ProfileName);
        Assert.Equal("http://localhost:4566", settings.EndpointUrl);
        Assert.Equal("ap-southeast-2", settings.StoredRegion);
        Assert.Equal("team", settings.StoredCredentials);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.RequestTimeout);
    }

    [Theory]
    [InlineData("Region", "Mars")]
    [InlineData("Region", "us east 1")]
    [InlineData("EndpointUrl", "not-a-url")]
    [InlineData("EndpointUrl", "ftp://example.com")]
    [InlineData("Credential", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("ThrottleLimit", 0)]
    [InlineData("ThrottleLimit", 65)]
    public void InvalidParametersFailBindingBeforeAnyConnect(string parameter, object value)
    {
        engine.Client.AddJob("job-a");

        Assert.ThrowsAny<ParameterBindingException>(() => Invoke(new() { ["AutoMLJobName"] = new[] { "job-a" }, [parameter] = value }));
        Assert.Empty(engine.Connects);
    }

    [Fact]
    public void AnAwsToolsRegionObjectIsAcceptedForRegion()
    {
        engine.Client.AddJob("job-a");

        Invoke(new() { ["AutoMLJobName"] = new[] { "job-a" }, ["Region"] = new AwsToolsRegion { Region = "eu-central-1" } });

        Assert.Equal("eu-central-1", Assert.Single(engine.Connects).Region);
    }

    [Fact]
    public void ACredentialFromAnotherAwsSdkPassesBinding()
    {
        engine.Client.AddJob("job-a");
        var credential = new foreign::Amazon.Runtime.RotatingAWSCredentials(() => new foreign::Amazon.Runtime.ImmutableCredentials("AKIAFOREIGN000001", "s", null));

        var result = Run("param($c) Get-AutoMLJobV2 job-a -Credential $c", credential);

        Assert.Single(result.Jobs);
        Assert.Same(credential, Assert.Single(engine.Connects).Credential);
    }

    [Fact]
    public void MembersNewerThanTheModuleAreNamedOnceInOneVerboseLineAtTheEnd()
    {
        engine.Client.AddJob("job-a").AddJob("job-b").AddJob("job-c");
        engine.Client.NewerMembers["job-a"] = new[] { "AutoMLJobV2.NewTopLevel", "AutoMLJobChannel.NewField" };
        engine.Client.NewerMembers["job-c"] = new[] { "AutoMLProblemTypeConfig.QuantumJobConfig", "AutoMLJobV2.NewTopLevel" };

        var result = Run("Get-AutoMLJobV2 job-a,job-b,job-c -Verbose");
        var quiet = Run("Get-AutoMLJobV2 job-a,job-b,job-c");

        var lines = result.Verbose.Where(v => v.Contains("newer than this module", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { "Members newer than this module (update AutoMLV2 to get them typed): AutoMLJobChannel.NewField, AutoMLJobV2.NewTopLevel, AutoMLProblemTypeConfig.QuantumJobConfig" },
            lines);
        Assert.Same(lines[0], result.Verbose.Last());
        Assert.Empty(quiet.Verbose);
        Assert.Equal(3, quiet.Jobs.Count);
    }

    [Fact]
    public void WithoutNewerMembersThereIsNoSuchLine()
    {
        engine.Client.AddJob("job-a");

        var result = Run("Get-AutoMLJobV2 job-a -Verbose");

        Assert.DoesNotContain(result.Verbose, v => v.Contains("newer than this module", StringComparison.Ordinal));
    }

    [Fact]
    public void EngineLogLinesReachTheVerboseStream()
    {
        engine.Client.AddJob("job-a");

        var result = Run("Get-AutoMLJobV2 job-a -Verbose");

        Assert.Contains(result.Verbose, line => line.EndsWith("Credentials: fake engine (access key ****************MPLE).", StringComparison.Ordinal));
    }

    [Fact]
    public void APatternThatMatchesNothingIsNotAnError()
    {
        engine.Client.AddJob("job-a");
        engine.Client.Pages.Add(new[] { FakeClient.Summary("job-a") });

        var result = Run("Get-AutoMLJobV2 nothing-*, job-a 2>&1");

        Assert.Equal(new[] { "job-a" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void AFailedListingIsAnErrorForThePatternAndOtherNamesStillComeOut()
    {
        engine.Client.AddJob("job-a");
        engine.Client.ListFailure = new AutoMLServiceException(AutoMLErrorKind.AccessDenied, "Access denied to the jobs. Check the IAM policy.", "AccessDeniedException", 400, "req-list");

        var result = Run("Get-AutoMLJobV2 churn-*, job-a 2>&1");

        Assert.Equal(new[] { "ERROR churn-*", "job-a" }, result.Stream.Select(Describe));
        var error = Assert.Single(result.Errors);
        Assert.Equal("AccessDenied," + CommandName, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
    }

    [Fact]
    public void StoppingThePipelineCancelsOutstandingRequestsAtOnce()
    {
        foreach (var i in Enumerable.Range(1, 6))
        {
            engine.Client.AddJob("slow-" + i);
        }

        engine.Client.DescribeDelay = _ => TimeSpan.FromSeconds(30);
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2", typeof(GetAutoMLJobV2Command), null));
        using var shell = PowerShell.Create(state);
        shell.AddCommand("Get-AutoMLJobV2").AddParameter("AutoMLJobName", Enumerable.Range(1, 6).Select(i => "slow-" + i).ToArray()).AddParameter("ThrottleLimit", 2);

        var running = shell.BeginInvoke();
        OrderedResultsTests.WaitUntil(() => engine.Client.Described.Count >= 2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        shell.Stop();

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the pipeline did not stop");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        OrderedResultsTests.WaitUntil(() => engine.Client.CancelledDescribes == engine.Client.Described.Count);
        Assert.InRange(engine.Client.Described.Count, 2, 4); // most queued names never started
    }

    private static string Describe(object item) => item switch
    {
        AutoMLJobV2 job => job.AutoMLJobName!,
        ErrorRecord error => "ERROR " + error.TargetObject,
        _ => item.GetType().Name,
    };

    /// <summary>Runs a script in a fresh runspace with the cmdlet, collecting output (2>&amp;1 merged) and streams.</summary>
    private static RunResult Run(string script, object? argument = null, IDictionary<string, object?>? variables = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2", typeof(GetAutoMLJobV2Command), null));
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            state.Variables.Add(new SessionStateVariableEntry(name, value, string.Empty));
        }

        using var shell = PowerShell.Create(state);
        shell.AddScript(script);
        if (argument is not null)
        {
            shell.AddArgument(argument);
        }

        var output = shell.Invoke();
        var stream = output.Select(o => o.BaseObject).ToList();
        var errors = stream.OfType<ErrorRecord>().Concat(shell.Streams.Error).Distinct().ToList();
        return new RunResult(stream, errors, shell.Streams.Verbose.Select(v => v.Message).ToList());
    }

    /// <summary>Runs the cmdlet directly (not in a script), so terminating and binding errors surface as exceptions.</summary>
    private static List<object> Invoke(Dictionary<string, object?> parameters)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2", typeof(GetAutoMLJobV2Command), null));
        using var shell = PowerShell.Create(state);
        shell.AddCommand("Get-AutoMLJobV2");
        foreach (var (name, value) in parameters)
        {
            shell.AddParameter(name, value);
        }

        return shell.Invoke().Select(o => o.BaseObject).ToList();
    }

    /// <summary>Like AWS Tools' AWSRegion: the region name in a property called Region.</summary>
    public sealed class AwsToolsRegion
    {
        public string Region { get; set; } = string.Empty;

        public override string ToString() => "AWSRegion object";
    }

    private sealed record RunResult(List<object> Stream, List<ErrorRecord> Errors, List<string> Verbose)
    {
        public List<AutoMLJobV2> Jobs => Stream.OfType<AutoMLJobV2>().ToList();
    }
}
