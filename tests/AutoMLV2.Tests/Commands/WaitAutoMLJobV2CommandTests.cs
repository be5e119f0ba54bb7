namespace AutoMLV2.Tests.Commands;

using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Internal;
using AutoMLV2.Tests.Support;
using Xunit;
using static AutoMLV2.Tests.Support.CmdletRunspace;

/// <summary>
/// Wait-AutoMLJobV2 in a real PowerShell runspace, over a fake engine: final objects in finishing
/// order, the errors of failed, stopped and timed-out jobs, names checked before any request,
/// duplicates, terminating configuration errors, pipeline binding, -ThrottleLimit and Ctrl+C.
/// The cmdlet waits on the real clock: the scripts finish within a few one-second polls.
/// </summary>
[Collection(EngineOverrideCollection.Name)]
public sealed class WaitAutoMLJobV2CommandTests : IDisposable
{
    private const string CommandName = "AutoMLV2.Commands.WaitAutoMLJobV2Command";
    private readonly FakeEngine engine = new();

    public WaitAutoMLJobV2CommandTests()
    {
        EngineLoader.Override = engine;
    }

    public void Dispose()
    {
        EngineLoader.Override = null;
    }

    [Fact]
    public void OnlyTheFinalObjectsComeOutInTheOrderTheJobsFinish()
    {
        engine.Client
            .Statuses("slow", "InProgress", "InProgress", "Completed")
            .Statuses("quick", "InProgress", "Completed")
            .Statuses("done", "Completed");

        var result = Run("Wait-AutoMLJobV2 slow, quick, done -PollInterval 1");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "done", "quick", "slow" }, result.Stream.Select(Describe));
        Assert.All(result.Jobs, j => Assert.Equal("Completed", j.AutoMLJobStatus));
        // Each object is the job's last describe, not an earlier state.
        Assert.Equal(new[] { "Poll1", "Poll2", "Poll3" }, result.Jobs.Select(j => j.AutoMLJobSecondaryStatus));
        Assert.Equal(3, engine.Client.Describes("slow"));
        Assert.Equal(2, engine.Client.Describes("quick"));
        Assert.Equal(1, engine.Client.Describes("done"));
        Assert.Single(engine.Connects);
    }

    [Fact]
    public void AFailedOrStoppedJobWritesItsObjectThenItsErrorWithTheObjectAsTarget()
    {
        engine.Client
            .Job("broken", call =>
            {
                var job = Jobs.Make(call.Name, "Failed", "Failed");
                job.FailureReason = "ClientError: the target column is missing.";
                return job;
            })
            .Statuses("halted", "Stopping", "Stopped")
            .Statuses("fine", "InProgress", "InProgress", "Completed");

        var result = Run("Wait-AutoMLJobV2 fine, halted, broken -PollInterval 1 2>&1");

        Assert.Equal(new[] { "broken", "ERROR broken", "halted", "ERROR halted", "fine" }, result.Stream.Select(Describe));
        Assert.Equal(2, result.Errors.Count);

        var failed = result.Errors[0];
        Assert.Equal("AutoMLJobFailed," + CommandName, failed.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, failed.CategoryInfo.Category);
        Assert.Same(result.Jobs[0], failed.TargetObject);
        Assert.Equal("AutoML job 'broken' failed: ClientError: the target column is missing.", failed.Exception.Message);

        var stopped = result.Errors[1];
        Assert.Equal("AutoMLJobStopped," + CommandName, stopped.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationStopped, stopped.CategoryInfo.Category);
        Assert.Same(result.Jobs[1], stopped.TargetObject);
        Assert.Equal("AutoML job 'halted' was stopped (Poll2).", stopped.Exception.Message);
    }

    [Fact]
    public void TheTimeoutWritesOneOperationTimeoutPerJobStillRunningWithItsLastObjectAndReturns()
    {
        engine.Client
            .Statuses("forever", "InProgress")
            .Statuses("quick", "Completed")
            .Statuses("stopping", "Stopping");
        var watch = Stopwatch.StartNew();

        var result = Run("Wait-AutoMLJobV2 forever, quick, stopping -PollInterval 1 -Timeout 1 2>&1");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the wait took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(new[] { "quick", "ERROR forever", "ERROR stopping" }, result.Stream.Select(Describe));
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("OperationTimeout," + CommandName, e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
            Assert.EndsWith("after 1s; it was left running.", e.Exception.Message, StringComparison.Ordinal);
        });
        Assert.Equal("InProgress", Assert.IsType<AutoMLJobV2>(result.Errors[0].TargetObject).AutoMLJobStatus);
        Assert.Equal("Stopping", Assert.IsType<AutoMLJobV2>(result.Errors[1].TargetObject).AutoMLJobStatus);
    }

    [Fact]
    public void InvalidNamesAreRejectedBeforeAnyRequestAndTheValidOnesAreStillWaitedFor()
    {
        engine.Client.Statuses("job-a", "InProgress", "Completed").Statuses("job-b", "Completed");
        var errorsAtFirstDescribe = -1;
        using var shell = PowerShell.Create(State());
        engine.Client.Latency = (call, _) =>
        {
            Interlocked.CompareExchange(ref errorsAtFirstDescribe, shell.Streams.Error.Count, -1);
            return Task.CompletedTask;
        };
        shell.AddCommand("Wait-AutoMLJobV2").AddParameter("AutoMLJobName", new[] { "job-a", "bad_name", string.Empty, "job-b" }).AddParameter("PollInterval", 1);

        var jobs = shell.Invoke().Select(o => o.BaseObject).Cast<AutoMLJobV2>().ToList();

        Assert.Equal(new[] { "job-b", "job-a" }, jobs.Select(j => j.AutoMLJobName));
        var errors = shell.Streams.Error.ToList();
        Assert.Equal(2, errorsAtFirstDescribe);
        Assert.All(errors, e =>
        {
            Assert.Equal("InvalidAutoMLJobName," + CommandName, e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        });
        Assert.Equal(new object[] { "bad_name", string.Empty }, errors.Select(e => e.TargetObject));
        Assert.Equal(new[] { "job-a", "job-b" }, engine.Client.Described.Distinct().OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyInvalidNamesSendNothing()
    {
        var result = Run("Wait-AutoMLJobV2 bad_name, '-leading' -PollInterval 1 2>&1");

        Assert.Equal(new[] { "ERROR bad_name", "ERROR -leading" }, result.Stream.Select(Describe));
        Assert.Empty(engine.Connects);
        Assert.Equal(0, engine.Client.TotalDescribes);
    }

    [Fact]
    public void DuplicateNamesInAnyCaseAreWaitedForOnce()
    {
        engine.Client.Statuses("churn", "InProgress", "Completed").Statuses("fraud", "Completed");

        var result = Run("'churn', 'CHURN', 'fraud', 'Churn', 'fraud' | Wait-AutoMLJobV2 -PollInterval 1 2>&1");

        Assert.Equal(new[] { "fraud", "churn" }, result.Stream.Select(Describe));
        Assert.Equal(new[] { "churn", "fraud" }, engine.Client.Described.Distinct().OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(2, engine.Client.Describes("churn"));
        Assert.Equal(1, engine.Client.Describes("fraud"));
    }

    [Theory]
    [InlineData(AutoMLConfigurationError.ProfileNotFound, ErrorCategory.ObjectNotFound)]
    [InlineData(AutoMLConfigurationError.NoCredentials, ErrorCategory.AuthenticationError)]
    [InlineData(AutoMLConfigurationError.NoRegion, ErrorCategory.InvalidArgument)]
    public void AConfigurationErrorFromConnectIsTerminatingWithItsErrorId(AutoMLConfigurationError errorId, ErrorCategory category)
    {
        engine.Client.Statuses("job-a", "Completed");
        engine.ConnectFailure = new AutoMLConfigurationException(errorId, $"Configuration problem {errorId}.");

        var error = Assert.ThrowsAny<RuntimeException>(() => Invoke("Wait-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "job-a", "job-b" }, ["PollInterval"] = 1 }));

        Assert.Equal(errorId + "," + CommandName, error.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(category, error.ErrorRecord.CategoryInfo.Category);
        Assert.Equal($"Configuration problem {errorId}.", error.ErrorRecord.Exception.Message);
        Assert.Equal(0, engine.Client.TotalDescribes);
    }

    [Fact]
    public void AConfigurationErrorWhileWaitingIsTerminatingToo()
    {
        engine.Client
            .Job("expiring", call => call.Index >= 2 ? throw new AutoMLConfigurationException(AutoMLConfigurationError.CredentialsUnavailable, "The SSO session has expired.") : Jobs.Make(call.Name, "InProgress"))
            .Statuses("running", "InProgress");
        var watch = Stopwatch.StartNew();

        var error = Assert.ThrowsAny<RuntimeException>(() => Invoke("Wait-AutoMLJobV2", new() { ["AutoMLJobName"] = new[] { "expiring", "running" }, ["PollInterval"] = 1 }));

        Assert.Equal("CredentialsUnavailable," + CommandName, error.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.ErrorRecord.CategoryInfo.Category);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the wait took {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void NamesComeFromThePipelineByValueAndByPropertyName()
    {
        engine.Client
            .Statuses("by-value-1", "InProgress", "Completed").Statuses("by-value-2", "Completed")
            .Statuses("by-property", "Completed").Statuses("by-name-alias", "Completed").Statuses("by-jobname-alias", "Completed")
            .AddJob("from-get");

        var byValue = Run("'by-value-1', 'by-value-2' | Wait-AutoMLJobV2 -PollInterval 1");
        var byProperty = Run("[pscustomobject]@{ AutoMLJobName = 'by-property' }, [pscustomobject]@{ Name = 'by-name-alias' }, [pscustomobject]@{ JobName = 'by-jobname-alias' } | Wait-AutoMLJobV2 -PollInterval 1");
        var fromGet = Run("Get-AutoMLJobV2 from-get | Wait-AutoMLJobV2 -PollInterval 1");

        Assert.Equal(new[] { "by-value-2", "by-value-1" }, byValue.Jobs.Select(j => j.AutoMLJobName));
        Assert.Equal(new[] { "by-jobname-alias", "by-name-alias", "by-property" }, byProperty.Jobs.Select(j => j.AutoMLJobName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "from-get" }, fromGet.Jobs.Select(j => j.AutoMLJobName));
        Assert.Empty(byValue.Errors.Concat(byProperty.Errors).Concat(fromGet.Errors));
        Assert.Equal(2, engine.Client.Describes("from-get")); // once by Get, once by Wait
    }

    [Theory]
    [InlineData(null, 16)]
    [InlineData(3, 3)]
    public void ThrottleLimitBoundsTheDescribesInFlightAcrossAllJobs(int? throttleLimit, int expected)
    {
        var names = Enumerable.Range(1, 40).Select(i => "job-" + i).ToArray();
        foreach (var name in names)
        {
            engine.Client.Statuses(name, "Completed");
        }

        engine.Client.HoldUntilInFlight(expected);

        var result = Run($"Wait-AutoMLJobV2 {string.Join(",", names)} -PollInterval 1{(throttleLimit is null ? string.Empty : $" -ThrottleLimit {throttleLimit}")}");

        Assert.Empty(result.Errors);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), result.Jobs.Select(j => j.AutoMLJobName!).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(expected, engine.Client.MaxConcurrentDescribes);
    }

    [Fact]
    public void StoppingThePipelineEndsTheWaitAtOnceAndCancelsTheDescribeInFlight()
    {
        engine.Client.Statuses("long", "InProgress").Statuses("hung", "InProgress");
        engine.Client.Latency = (call, ct) => call.Name == "hung" ? Task.Delay(Timeout.Infinite, ct) : Task.CompletedTask;
        using var shell = PowerShell.Create(State());
        shell.AddCommand("Wait-AutoMLJobV2").AddParameter("AutoMLJobName", new[] { "long", "hung" }).AddParameter("PollInterval", 30);

        var running = shell.BeginInvoke();
        OrderedResultsTests.WaitUntil(() => engine.Client.TotalDescribes == 2);
        var watch = Stopwatch.StartNew();
        shell.Stop();

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the pipeline did not stop");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        OrderedResultsTests.WaitUntil(() => engine.Client.CancelledDescribes == 1);
        Assert.Equal(2, engine.Client.TotalDescribes);
    }
}
