extern alias foreign;

namespace AutoMLV2.Tests.Commands;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Internal;
using AutoMLV2.Tests.Support;
using static AutoMLV2.Tests.Support.CmdletRunspace;
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

        engine.Client.Latency = (call, ct) => Task.Delay(TimeSpan.FromMilliseconds(20 * (names.Length - Array.IndexOf(names, call.Name))), ct);

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
        engine.Client.Latency = (call, ct) => call.Name == "job-a" ? Task.Delay(80, ct) : Task.CompletedTask;

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
        engine.Client.Pages.Add(new[] { Jobs.Summary("churn-0312"), Jobs.Summary("fraud-0312"), Jobs.Summary("churn-0311", "Failed") });
        engine.Client.Pages.Add(new[] { Jobs.Summary("CHURN-0310"), Jobs.Summary("xchurn-0309") });
        foreach (var name in new[] { "churn-0312", "fraud-0312", "churn-0311", "CHURN-0310", "xchurn-0309" })
        {
            engine.Client.AddJob(name);
        }

        engine.Client.Latency = (call, ct) => call.Name == "churn-0312" ? Task.Delay(60, ct) : Task.CompletedTask;

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
        engine.Client.Pages.Add(new[] { Jobs.Summary("job-2"), Jobs.Summary("job-1") });
        engine.Client.AddJob("job-2").AddJob("job-1");

        var result = Run("Get-AutoMLJobV2");

        Assert.Equal(new[] { "job-2", "job-1" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Null(Assert.Single(engine.Client.Listed).NameContains);
    }

    [Fact]
    public void StatusFiltersWildcardListingsOnTheServiceAndLiteralNamesLocally()
    {
        engine.Client.Pages.Add(new[] { Jobs.Summary("job-3", "InProgress"), Jobs.Summary("job-2", "Completed"), Jobs.Summary("job-1", "Completed") });
        engine.Client.AddJob("job-3", "InProgress").AddJob("job-2", "Completed").AddJob("job-1", "Completed");

        var wildcard = Run("Get-AutoMLJobV2 job-* -Status completed");
        var literal = Run("Get-AutoMLJobV2 job-3, job-2 -Status InProgress");

        Assert.Equal("Completed", engine.Client.Listed.Single().StatusEquals); // as the API spells it, not as typed
        Assert.Empty(wildcard.Errors);
        Assert.Equal(new[] { "job-2", "job-1" }, wildcard.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(new[] { "job-3" }, literal.Jobs.Select(j => j.AutoMLJobName));
        Assert.Empty(literal.Errors);
    }

    [Fact]
    public void TimeFiltersAreSentWithAWildcardAndStatusAsUtcInstants()
    {
        engine.Client.Pages.Add(new[] { Jobs.Summary("job-2"), Jobs.Summary("job-1") });
        engine.Client.AddJob("job-2", createdEpoch: 1709296300).AddJob("job-1", createdEpoch: 1709296250);

        // A string with a Z, a local DateTime, an unspecified one (read as local) and a UTC one: each names its instant.
        var result = Run(
            "param($local) Get-AutoMLJobV2 job-* -Status Completed -CreatedAfter '2024-03-01T12:30:00Z' -CreatedBefore $local "
            + "-ModifiedAfter ([datetime]::SpecifyKind($local.AddDays(-2), 'Unspecified')) -ModifiedBefore ([datetimeoffset]'2024-03-03T00:00:00+05:30').UtcDateTime -Verbose",
            new DateTime(2024, 3, 1, 13, 0, 0, DateTimeKind.Utc).ToLocalTime());

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "job-2", "job-1" }, result.Jobs.Select(j => j.AutoMLJobName));
        var query = engine.Client.Listed.Single();
        Assert.Equal("Completed", query.StatusEquals);
        Assert.Equal("job-", query.NameContains);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 30, 0, DateTimeKind.Utc), query.CreationTimeAfter);
        Assert.Equal(DateTimeKind.Utc, query.CreationTimeAfter!.Value.Kind);
        Assert.Equal(new DateTime(2024, 3, 1, 13, 0, 0, DateTimeKind.Utc), query.CreationTimeBefore);
        Assert.Equal(new DateTime(2024, 2, 28, 13, 0, 0, DateTimeKind.Utc), query.LastModifiedTimeAfter);
        Assert.Equal(new DateTime(2024, 3, 2, 18, 30, 0, DateTimeKind.Utc), query.LastModifiedTimeBefore);
        Assert.Contains(result.Verbose, v => v.Contains("CreationTimeAfter=2024-03-01T12:30:00.000Z, CreationTimeBefore=2024-03-01T13:00:00.000Z", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-CreationTimeAfter", "CreationTimeAfter")]
    [InlineData("-CreationTimeBefore", "CreationTimeBefore")]
    [InlineData("-LastModifiedTimeAfter", "LastModifiedTimeAfter")]
    [InlineData("-LastModifiedTimeBefore", "LastModifiedTimeBefore")]
    public void TheAwsToolsNamesAreAliases(string alias, string member)
    {
        Run($"Get-AutoMLJobV2 {alias} '2024-03-01T12:30:00Z'");

        var query = engine.Client.Listed.Single();
        var value = (DateTime?)typeof(AutoMLJobListQuery).GetProperty(member)!.GetValue(query);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 30, 0, DateTimeKind.Utc), value);
    }

    [Fact]
    public void ListedJobsAreCheckedAgainAsDescribed()
    {
        // The fake service ignores the time filters: a job outside them is still left out.
        engine.Client.Pages.Add(new[] { Jobs.Summary("job-2"), Jobs.Summary("job-1") });
        engine.Client.AddJob("job-2", createdEpoch: 1709296300).AddJob("job-1", createdEpoch: 1709296100);

        var result = Run("Get-AutoMLJobV2 job-* -CreatedAfter '2024-03-01T12:30:00Z' -Verbose");

        Assert.Equal(new[] { "job-2" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Contains(result.Verbose, v => v.StartsWith("'job-1' is left out", StringComparison.Ordinal));
    }

    [Fact]
    public void LiteralNamesAreFilteredLocallyByTheSameExclusiveComparison()
    {
        // 1709296200 is 2024-03-01T12:30:00Z.
        engine.Client.AddJob("at-bound", createdEpoch: 1709296200, lastModifiedEpoch: 1709300000)
            .AddJob("after", createdEpoch: 1709296200.001, lastModifiedEpoch: 1709300000)
            .AddJob("modified-late", createdEpoch: 1709296300, lastModifiedEpoch: 1709400000)
            .AddJob("before", createdEpoch: 1709296199, lastModifiedEpoch: 1709300000);

        var result = Run("Get-AutoMLJobV2 at-bound, after, modified-late, before -CreationTimeAfter '2024-03-01T12:30:00Z' -ModifiedBefore '2024-03-02T00:00:00Z' 2>&1");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "after" }, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Empty(engine.Client.Listed);
        Assert.Equal(4, engine.Client.Described.Count);
    }

    [Theory]
    [InlineData("CreatedAfter", 24 * 60, "CreatedBefore", 0, "-CreatedAfter (2024-03-02T00:00:00.000Z, ")]
    [InlineData("CreatedAfter", 0, "CreatedBefore", 0, "-CreatedAfter (2024-03-01T00:00:00.000Z, ")]
    [InlineData("ModifiedAfter", 1, "LastModifiedTimeBefore", 0, "-ModifiedAfter (2024-03-01T00:01:00.000Z, ")]
    public void ARangeNoJobCanBeInEndsTheCommandBeforeAnyRequest(string after, int afterMinutes, string before, int beforeMinutes, string message)
    {
        engine.Client.AddJob("job-a");
        var day = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        var error = Assert.ThrowsAny<RuntimeException>(() => Invoke("Get-AutoMLJobV2", new()
        {
            ["AutoMLJobName"] = new[] { "job-a", "x-*" },
            [after] = day.AddMinutes(afterMinutes),
            [before] = day.AddMinutes(beforeMinutes),
        }));
        var record = error.ErrorRecord;

        Assert.Equal("InvalidTimeFilter," + CommandName, record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Null(record.TargetObject);
        Assert.StartsWith(message, record.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(" is not earlier than -" + (after.StartsWith("Created", StringComparison.Ordinal) ? "Created" : "Modified") + "Before (2024-03-01T00:00:00.000Z, ", record.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Connects);
        Assert.Empty(engine.Client.Described);
        Assert.Empty(engine.Client.Listed);
    }

    [Fact]
    public void AnUnknownStatusIsRejectedBeforeAnythingIsSent()
    {
        var error = Assert.ThrowsAny<ParameterBindingException>(() => Invoke("Get-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "job-a" }, ["Status"] = "Paused" }));

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

        engine.Client.HoldUntilInFlight(limit);

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

        engine.Client.HoldUntilInFlight(16);

        var result = Run($"Get-AutoMLJobV2 {string.Join(",", names)}");

        Assert.Equal(names, result.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(16, engine.Client.MaxConcurrentDescribes);
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

        var error = Assert.ThrowsAny<RuntimeException>(() => Invoke("Get-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "job-a", "job-b" } }));

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

        Assert.ThrowsAny<ParameterBindingException>(() => Invoke("Get-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "job-a" }, [parameter] = value }));
        Assert.Empty(engine.Connects);
    }

    [Fact]
    public void AnAwsToolsRegionObjectIsAcceptedForRegion()
    {
        engine.Client.AddJob("job-a");

        Invoke("Get-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "job-a" }, ["Region"] = new AwsToolsRegion { Region = "eu-central-1" } });

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
        engine.Client.Pages.Add(new[] { Jobs.Summary("job-a") });

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

        engine.Client.Latency = (_, ct) => Task.Delay(TimeSpan.FromSeconds(30), ct);
        using var shell = PowerShell.Create(State());
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

    /// <summary>Like AWS Tools' AWSRegion: the region name in a property called Region.</summary>
    public sealed class AwsToolsRegion
    {
        public string Region { get; set; } = string.Empty;

        public override string ToString() => "AWSRegion object";
    }
}
