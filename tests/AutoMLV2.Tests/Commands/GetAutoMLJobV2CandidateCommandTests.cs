namespace AutoMLV2.Tests.Commands;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AutoMLV2.Commands;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Internal;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// Get-AutoMLJobV2Candidate in a real PowerShell runspace, over the fake engine: paging, ranking,
/// errors in their place, names checked before any request, throttling mid-listing, Ctrl+C and
/// Select-Object -First stopping the requests, pipeline input from Get-AutoMLJobV2.
/// </summary>
[Collection(EngineOverrideCollection.Name)]
public sealed class GetAutoMLJobV2CandidateCommandTests : IDisposable
{
    private const string CommandName = "AutoMLV2.Commands.GetAutoMLJobV2CandidateCommand";
    private readonly FakeEngine engine = new();

    public GetAutoMLJobV2CandidateCommandTests()
    {
        EngineLoader.Override = engine;
    }

    public void Dispose()
    {
        EngineLoader.Override = null;
    }

    private FakeAutoMLClient Client => engine.Client;

    [Fact]
    public void EveryCandidateOfSeveralPagesComesOutOnceRankedBestFirst()
    {
        AddJob("big", 700);

        var result = Run("Get-AutoMLJobV2Candidate big");

        Assert.Empty(result.Errors);
        Assert.Equal(Enumerable.Range(1, 700).Reverse().Select(i => $"big-{i:000}"), result.Candidates.Select(c => c.CandidateName));
        Assert.Equal(Enumerable.Range(1, 700), result.Candidates.Select(c => c.Rank!.Value));
        Assert.All(result.Candidates, c => Assert.Equal("big", c.AutoMLJobName));
        Assert.Equal(new string?[] { null, "Descending:300", "Descending:600" }, Client.CandidateQueries.Select(q => q.NextToken));
        Assert.All(Client.CandidateQueries, q => Assert.Equal(("FinalObjectiveMetricValue", 300), (q.SortBy!, q.MaxResults!.Value)));
    }

    [Fact]
    public void AMinimizedObjectiveRanksLowestFirstAndVerboseSaysWhy()
    {
        AddJob("regression", 400, "Minimize", "validation:mse");

        var result = Run("Get-AutoMLJobV2Candidate regression -Verbose");

        Assert.Equal(Enumerable.Range(1, 400).Select(i => $"regression-{i:000}"), result.Candidates.Select(c => c.CandidateName));
        Assert.Equal(Enumerable.Range(1, 400), result.Candidates.Select(c => c.Rank!.Value));
        Assert.Equal(new[] { "Descending", "Ascending", "Ascending" }, Client.CandidateQueries.Select(q => q.SortOrder));
        Assert.Contains(result.Verbose, v => v.Contains("'regression': the objective validation:mse (Minimize) is minimized"));
        Assert.Contains(result.Verbose, v => v.Contains("ListCandidatesForAutoMLJob for 'regression': SortBy FinalObjectiveMetricValue"));
    }

    [Fact]
    public void FailedCandidatesWithoutAValueComeLastWithoutARankAndUnknownValuesAreKept()
    {
        Client.AddCandidates("job-a", new[]
        {
            Jobs.Candidate("a-failed", null, status: "Failed"),
            Jobs.Candidate("a-1", 0.8, status: "Paused", metric: "validation:f1_binary"),
            Jobs.Candidate("a-2", 0.9),
            Jobs.Candidate("a-3", 0.8),
        });
        Client.UnscoredFirst = true;

        var result = Run("Get-AutoMLJobV2Candidate job-a");

        Assert.Equal(new[] { ("a-2", (int?)1), ("a-1", 2), ("a-3", 2), ("a-failed", null) }, result.Candidates.Select(c => (c.CandidateName!, c.Rank)));
        Assert.Equal("Paused", result.Candidates[1].CandidateStatus);
        Assert.Equal("validation:f1_binary", result.Candidates[1].FinalAutoMLJobObjectiveMetric!.MetricName);
    }

    [Fact]
    public void MembersNewerThanTheModuleAreNamedOnceInOneVerboseLineAtTheEnd()
    {
        AddJob("job-a", 3);
        AddJob("job-b", 2);
        Client.NewerMembers["job-a"] = new[] { "AutoMLCandidate.NewCandidateField", "MetricDatum.NewMetricField" };
        Client.NewerMembers["job-b"] = new[] { "AutoMLCandidate.NewCandidateField" };

        var result = Run("Get-AutoMLJobV2Candidate job-a, job-b -Verbose");

        var lines = result.Verbose.Where(v => v.Contains("newer than this module", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { "Members newer than this module (update AutoMLV2 to get them typed): AutoMLCandidate.NewCandidateField, MetricDatum.NewMetricField" },
            lines);
        Assert.Same(lines[0], result.Verbose.Last());
        Assert.Equal(5, result.Candidates.Count);
    }

    [Fact]
    public void JobsComeOutTogetherInTheOrderGivenEvenWhenLaterOnesAnswerFirst()
    {
        AddJob("job-a", 350);
        AddJob("job-b", 20);
        AddJob("job-c", 5);
        Client.CandidateDelay = q => q.AutoMLJobName == "job-a" ? TimeSpan.FromMilliseconds(150) : TimeSpan.Zero;

        var result = Run("Get-AutoMLJobV2Candidate job-a, job-b, job-c");

        Assert.Equal(
            new[] { "job-a", "job-b", "job-c" },
            result.Candidates.Select(c => c.AutoMLJobName).Distinct());
        Assert.Equal(375, result.Candidates.Count);
        Assert.Equal(Enumerable.Range(1, 350).Concat(Enumerable.Range(1, 20)).Concat(Enumerable.Range(1, 5)), result.Candidates.Select(c => c.Rank!.Value));
        Assert.True(Client.MaxConcurrentCandidatePages > 1, "the first pages of later jobs were not asked for while the first job was listed");
    }

    [Fact]
    public void AMissingJobIsOneNotFoundErrorInItsPlaceAndTheOthersStillComeOut()
    {
        AddJob("job-a", 2);
        AddJob("job-b", 1);

        var result = Run("Get-AutoMLJobV2Candidate job-a, missing-job, job-b 2>&1");

        Assert.Equal(new[] { "job-a-002", "job-a-001", "ERROR missing-job", "job-b-001" }, result.Stream.Select(Describe));
        var error = Assert.Single(result.Errors);
        Assert.Equal("AutoMLJobNotFound," + CommandName, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("missing-job", error.TargetObject);
        Assert.Equal("ResourceNotFound", Assert.IsType<AutoMLServiceException>(error.Exception).ErrorCode);
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("-leading")]
    [InlineData("way-too-long-for-an-automl-job-name-x")]
    [InlineData("jöb")]
    [InlineData("a;b")]
    public void AnInvalidNameIsAnErrorInItsPlaceAndNoRequestIsMadeForIt(string invalid)
    {
        AddJob("job-a", 1);
        AddJob("job-b", 1);

        var result = Run("param($names) Get-AutoMLJobV2Candidate -AutoMLJobName $names 2>&1", new[] { "job-a", invalid, "job-b" });

        Assert.Equal(new[] { "job-a-001", "ERROR " + invalid, "job-b-001" }, result.Stream.Select(Describe));
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidAutoMLJobName," + CommandName, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(invalid, error.TargetObject);
        Assert.Equal(new[] { "job-a", "job-b" }, Client.CandidateQueries.Select(q => q.AutoMLJobName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("''")]
    [InlineData("$null")]
    [InlineData("@()")]
    public void AnEmptyOrNullNameIsAnInvalidNameError(string argument)
    {
        var result = Run($"Get-AutoMLJobV2Candidate -AutoMLJobName {argument} 2>&1");

        Assert.Equal("InvalidAutoMLJobName," + CommandName, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(Client.CandidateQueries);
    }

    [Fact]
    public void TheJobNameIsMandatory()
    {
        var error = Assert.ThrowsAny<ParameterBindingException>(() => Invoke(new()));

        Assert.Contains("AutoMLJobName", error.Message);
        Assert.Empty(engine.Connects);
    }

    [Fact]
    public void AThrottledPageMidListingIsSentAgainWithTheSameTokenAndNoCandidateIsLostOrRepeated()
    {
        AddJob("big", 700);
        Client.CandidateThrottles[("big", "Descending:300")] = 1;

        var result = Run("Get-AutoMLJobV2Candidate big -Verbose");

        Assert.Empty(result.Errors);
        Assert.Equal(700, result.Candidates.Select(c => c.CandidateName).Distinct().Count());
        Assert.Equal(700, result.Candidates.Count);
        Assert.Equal(Enumerable.Range(1, 700), result.Candidates.Select(c => c.Rank!.Value));
        Assert.Equal(new string?[] { null, "Descending:300", "Descending:300", "Descending:600" }, Client.CandidateQueries.Select(q => q.NextToken));
        Assert.Contains(result.Verbose, v => v.Contains("ListCandidatesForAutoMLJob for 'big' (a next page) was throttled") && v.Contains("pauses"));
    }

    [Fact]
    public void CtrlCWhilePagingCancelsTheRequestInFlightAndSendsNoOther()
    {
        AddJob("big", 700);
        Client.CandidateDelay = q => q.NextToken is null ? TimeSpan.Zero : TimeSpan.FromSeconds(30);
        using var shell = PowerShell.Create(CmdletRunspace.State());
        shell.AddCommand("Get-AutoMLJobV2Candidate").AddParameter("AutoMLJobName", "big");
        var output = new PSDataCollection<PSObject>();

        var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        OrderedResultsTests.WaitUntil(() => Client.CandidateQueries.Count == 2 && output.Count == 300);
        var clock = Stopwatch.StartNew();
        shell.Stop();

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the pipeline did not stop");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        OrderedResultsTests.WaitUntil(() => Client.CancelledCandidatePages == 1);
        Thread.Sleep(200);
        Assert.Equal(2, Client.CandidateQueries.Count);
    }

    [Fact]
    public void SelectFirstStopsThePagesThatWouldFollow()
    {
        AddJob("big", 700);

        var result = Run("Get-AutoMLJobV2Candidate big | Select-Object -First 3");

        Assert.Equal(new[] { ("big-700", 1), ("big-699", 2), ("big-698", 3) }, result.Candidates.Select(c => (c.CandidateName!, c.Rank!.Value)));
        Thread.Sleep(200);
        Assert.Single(Client.CandidateQueries);
    }

    [Fact]
    public void SelectFirstAlsoStopsTheFirstPagesOfLaterJobs()
    {
        AddJob("job-a", 400);
        AddJob("job-b", 10);
        AddJob("job-c", 10);
        Client.CandidateDelay = q => q.AutoMLJobName == "job-a" ? TimeSpan.Zero : TimeSpan.FromSeconds(30);

        var clock = Stopwatch.StartNew();
        var result = Run("Get-AutoMLJobV2Candidate job-a, job-b, job-c -ThrottleLimit 2 | Select-Object -First 3");

        Assert.Equal(new[] { 1, 2, 3 }, result.Candidates.Select(c => c.Rank!.Value));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the command took {clock.Elapsed.TotalSeconds:F1} s");
        // job-b's first page was asked for beside job-a's (the window is 2) and is cancelled, unless
        // the stop came before it was sent; job-a's next page and job-c are never asked for.
        var sentForB = Client.CandidateQueries.Count(q => q.AutoMLJobName == "job-b");
        OrderedResultsTests.WaitUntil(() => Client.CancelledCandidatePages == sentForB);
        Thread.Sleep(200);
        Assert.Equal(new[] { "job-a" }, Client.CandidateQueries.Select(q => q.AutoMLJobName).Where(n => n != "job-b"));
        Assert.InRange(sentForB, 0, 1);
    }

    [Fact]
    public void SelectFirstCancelsTheRequestsOfLaterJobsAtOnceNotWhenThePipelineEnds()
    {
        AddJob("job-a", 400);
        AddJob("job-b", 10);
        Client.CandidateDelay = q =>
        {
            if (q.AutoMLJobName == "job-b")
            {
                return TimeSpan.FromSeconds(30);
            }

            // job-a answers once job-b's first page is in flight.
            SpinWait.SpinUntil(() => Client.CandidateQueries.Any(x => x.AutoMLJobName == "job-b"), TimeSpan.FromSeconds(5));
            return TimeSpan.Zero;
        };
        Func<int> cancelled = () => Client.CancelledCandidatePages;

        // The End block runs after Select-Object -First has stopped the command, before the pipeline ends.
        var result = Run(
            "param($cancelled) Get-AutoMLJobV2Candidate job-a, job-b -ThrottleLimit 2 | Select-Object -First 3 | ForEach-Object -Process { $_ } -End { Start-Sleep -Milliseconds 500; 'cancelled while the pipeline still ran: ' + $cancelled.Invoke() }",
            cancelled);

        Assert.Equal(3, result.Candidates.Count);
        Assert.Equal("cancelled while the pipeline still ran: 1", result.Stream.OfType<string>().Single());
        Assert.Equal(new[] { "job-a", "job-b" }, Client.CandidateQueries.Select(q => q.AutoMLJobName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void CompletedJobsFromGetAutoMLJobV2PipeTheirCandidates()
    {
        Client.Pages.Add(new[] { Jobs.Summary("churn-0312", "InProgress"), Jobs.Summary("churn-0311"), Jobs.Summary("fraud-0311"), Jobs.Summary("churn-0310") });
        Client.AddJob("churn-0312", "InProgress").AddJob("churn-0311").AddJob("fraud-0311").AddJob("churn-0310");
        AddJob("churn-0311", 3);
        AddJob("churn-0310", 2);

        var result = Run("Get-AutoMLJobV2 'churn-*' -Status Completed | Get-AutoMLJobV2Candidate");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "churn-0311-003", "churn-0311-002", "churn-0311-001", "churn-0310-002", "churn-0310-001" }, result.Candidates.Select(c => c.CandidateName));
        Assert.Equal(new[] { "churn-0310", "churn-0311" }, Client.CandidateQueries.Select(q => q.AutoMLJobName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void NamesFromThePipelineByValueAndByPropertyName()
    {
        AddJob("job-a", 1);
        AddJob("job-b", 1);

        var byValue = Run("'job-b', 'job-a' | Get-AutoMLJobV2Candidate");
        var byProperty = Run("[pscustomobject]@{ JobName = 'job-a' }, [pscustomobject]@{ AutoMLJobName = 'job-b' } | Get-AutoMLJobV2Candidate");

        Assert.Equal(new[] { "job-b-001", "job-a-001" }, byValue.Candidates.Select(c => c.CandidateName));
        Assert.Equal(new[] { "job-a-001", "job-b-001" }, byProperty.Candidates.Select(c => c.CandidateName));
    }

    [Fact]
    public void AWildcardListsTheJobsAsGetAutoMLJobV2DoesAndListsEachMatch()
    {
        Client.Pages.Add(new[] { Jobs.Summary("churn-0312"), Jobs.Summary("fraud-0312"), Jobs.Summary("CHURN-0311", "Failed") });
        AddJob("churn-0312", 1);
        AddJob("CHURN-0311", 1);

        var result = Run("Get-AutoMLJobV2Candidate 'churn-*' -Status failed");

        Assert.Equal(new[] { "CHURN-0311", "churn-0312" }, Client.CandidateQueries.Select(q => q.AutoMLJobName).OrderBy(n => n, StringComparer.Ordinal));
        var listing = Assert.Single(Client.Listed);
        Assert.Equal("churn-", listing.NameContains);
        Assert.Null(listing.StatusEquals); // -Status is the candidates' status, not the jobs'
        Assert.All(Client.CandidateQueries, q => Assert.Equal("Failed", q.StatusEquals));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void StatusIsSentAsTheApiSpellsItAndRanksAreAmongThoseCandidates()
    {
        Client.AddCandidates("job-a", new[]
        {
            Jobs.Candidate("best", 0.9), Jobs.Candidate("stopped-1", 0.8, status: "Stopped"), Jobs.Candidate("stopped-2", 0.7, status: "Stopped"),
        });

        var result = Run("Get-AutoMLJobV2Candidate job-a -Status sToPpEd");

        Assert.Equal("Stopped", Assert.Single(Client.CandidateQueries).StatusEquals);
        Assert.Equal(new[] { ("stopped-1", 1), ("stopped-2", 2) }, result.Candidates.Select(c => (c.CandidateName!, c.Rank!.Value)));
    }

    [Fact]
    public void CandidateNameMatchesLiteralNamesAndPatternsAfterRanking()
    {
        AddJob("job-a", 12);

        var literal = Run("Get-AutoMLJobV2Candidate job-a -CandidateName JOB-A-010");
        var patterns = Run("Get-AutoMLJobV2Candidate job-a -CandidateName '*-00[13]', job-a-011");

        Assert.Equal(new[] { ("job-a-010", 3) }, literal.Candidates.Select(c => (c.CandidateName!, c.Rank!.Value)));
        Assert.Equal(new[] { ("job-a-011", 2), ("job-a-003", 10), ("job-a-001", 12) }, patterns.Candidates.Select(c => (c.CandidateName!, c.Rank!.Value)));
        Assert.All(Client.CandidateQueries, q => Assert.Null(q.CandidateNameEquals));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 8)]
    [InlineData(null, 40)]
    public void ThrottleLimitBoundsTheRequestsInFlightAcrossJobsAndDefaultsToTheModulesDefault(int? limit, int jobs)
    {
        var names = Enumerable.Range(1, jobs).Select(i => $"job-{i}").ToArray();
        foreach (var name in names)
        {
            AddJob(name, 1);
        }

        Client.CandidateDelay = _ => TimeSpan.FromMilliseconds(30);

        var result = Run($"Get-AutoMLJobV2Candidate {string.Join(",", names)}{(limit is null ? string.Empty : $" -ThrottleLimit {limit}")}");

        Assert.Equal(names, result.Candidates.Select(c => c.AutoMLJobName));
        if (limit is int bound)
        {
            Assert.Equal(bound, Client.MaxConcurrentCandidatePages);
        }
        else
        {
            Assert.InRange(Client.MaxConcurrentCandidatePages, 2, AutoMLCmdletBase.DefaultThrottleLimit);
        }
    }

    [Fact]
    public void APageThatFailsAfterOthersWereWrittenIsAnErrorForThatJobAfterWhatWasRead()
    {
        Client.UnscoredFirst = true;
        Client.AddCandidates("flaky", new[] { Jobs.Candidate("flaky-failed", null, status: "Failed") });
        AddJob("flaky", 400);
        AddJob("job-b", 1);
        Client.CandidateFailure = q => q.NextToken is null ? null : new AutoMLServiceException(AutoMLErrorKind.ServiceError, "SageMaker answered HTTP 500 InternalFailure.", "InternalFailure", 500, "req-500");

        var result = Run("Get-AutoMLJobV2Candidate flaky, job-b 2>&1");

        var described = result.Stream.Select(Describe).ToList();
        Assert.Equal(Enumerable.Range(1, 299).Select(r => (int?)r), result.Candidates.Where(c => c.AutoMLJobName == "flaky" && c.Rank is not null).Select(c => c.Rank));
        Assert.Equal(new[] { "flaky-failed", "ERROR flaky", "job-b-001" }, described.Skip(299));
        Assert.Equal("ServiceError," + CommandName, Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void AConfigurationErrorIsTerminatingAndNothingIsSent()
    {
        AddJob("job-a", 1);
        engine.ConnectFailure = new AutoMLConfigurationException(AutoMLConfigurationError.NoRegion, "No region.");

        var error = Assert.ThrowsAny<RuntimeException>(() => Invoke(new() { ["AutoMLJobName"] = new[] { "job-a", "job-b" } }));

        Assert.Equal("NoRegion," + CommandName, error.ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(Client.CandidateQueries);
    }

    private static string Describe(object item) => CmdletRunspace.Describe(item);

    /// <summary>A job whose candidate i (1..count) has the objective value i / 1000 (so count is the best).</summary>
    private void AddJob(string name, int count, string type = "Maximize", string metric = "validation:f1")
        => Client.AddCandidates(name, Enumerable.Range(1, count).Select(i => Jobs.Candidate($"{name}-{i:000}", type == "Minimize" ? i : i / 1000d, type, metric: metric)));

    private static RunResult Run(string script, object? argument = null) => CmdletRunspace.Run(script, argument);

    private static List<object> Invoke(Dictionary<string, object?> parameters) => CmdletRunspace.Invoke("Get-AutoMLJobV2Candidate", parameters);
}
