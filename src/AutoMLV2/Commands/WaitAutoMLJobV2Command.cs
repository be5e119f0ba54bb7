namespace AutoMLV2.Commands;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AutoMLV2.Formatting;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Waiting;

/// <summary>
/// <para type="synopsis">Waits until Amazon SageMaker AutoML V2 jobs finish (Completed, Failed or Stopped).</para>
/// <para type="description">Polls every job with DescribeAutoMLJobV2 at -PollInterval and writes each job's final
/// object as soon as it finishes, in the order the jobs finish. A job that ends Failed or Stopped
/// also writes an error; -Timeout writes an OperationTimeout error for each job still running.
/// Only final objects are written, never intermediate states.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AutoMLJobV2")]
[OutputType(typeof(AutoMLJobV2))]
public sealed class WaitAutoMLJobV2Command : AutoMLCmdletBase
{
    internal const int DefaultPollInterval = 30;
    private const int ParentActivityId = 1;

    private readonly List<(string Name, ConnectionSettings Target)> requested = new();
    private readonly HashSet<(string Name, ConnectionSettings Target)> seen = new();
    private readonly Dictionary<string, int> activityIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WaitedJob> waited = new(StringComparer.OrdinalIgnoreCase);
    private bool spans;
    private WaitPlan? plan;
    private DateTime started;

    /// <summary>Names of the AutoML jobs to wait for.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "JobName")]
    [ArgumentCompleter(typeof(AutoMLJobNameCompleter))]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string[] AutoMLJobName { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait before giving up on the jobs still running. Default: no limit.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Timeout { get; set; }

    /// <summary>Seconds between two polls of the same job (default 30, at least 1).</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>How many DescribeAutoMLJobV2 requests may be in flight at once, across all jobs (1 to 64, default 16).</summary>
    [Parameter]
    [ValidateRange(1, MostThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    protected override void ProcessRecord()
    {
        var targets = CurrentTargets();
        if (targets.Count > 1)
        {
            ThrowTerminatingError(ErrorCatalog.TooManyConnections.Record(
                new ArgumentException("Wait-AutoMLJobV2 waits for each job in one region with one profile: give at most one -Region and one -ProfileName, or pipe the jobs from Get-AutoMLJobV2 -Region a,b (each job carries its region and profile)."),
                null));
        }

        foreach (var name in AutoMLJobName)
        {
            if (Validation.JobNameProblem(name) is string problem)
            {
                WriteError(ErrorCatalog.InvalidAutoMLJobName.Record(new ArgumentException(problem), name));
            }
            else if (seen.Add((name.ToUpperInvariant(), targets[0])))
            {
                requested.Add((name, targets[0]));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (requested.Count > 0)
        {
            WaitForJobs();
        }

        base.EndProcessing();
    }

    private void WaitForJobs()
    {
        // A job is known by its name, and where it is when the jobs are in several places.
        spans = requested.Select(job => job.Target).Distinct().Count() > 1;
        foreach (var (name, target) in requested)
        {
            if (TryClientFor(target) is IAutoMLClient client)
            {
                waited[spans ? $"{name} ({Describe(target)})" : name] = new WaitedJob(name, target, client);
            }
        }

        if (waited.Count == 0)
        {
            return;
        }

        var keys = waited.Keys.ToList();
        var clock = SystemWaitClock.Instance;
        started = clock.UtcNow;
        TimeSpan? timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : null;
        plan = new WaitPlan(keys, TimeSpan.FromSeconds(PollInterval), timeout, ThrottleLimit, started, new Random());
        for (var i = 0; i < keys.Count; i++)
        {
            activityIds[keys[i]] = ParentActivityId + 1 + i;
        }

        WriteVerbose($"Waiting for {keys.Count} job(s), polling every {PollInterval}s{(timeout is null ? string.Empty : $", for at most {Timeout}s")}.");
        WriteOverallProgress();

        // Jobs in several places: credentials that fail for one place (an MFA code refused at a
        // refresh, say) end the wait of its jobs only, with one error for that place.
        var run = JobWaiter.RunAsync(
            plan,
            (key, token) => waited[key].Client.DescribeAutoMLJobV2Async(waited[key].Name, token),
            clock,
            e => Dispatcher.Post(() => Handle(e)),
            CancellationToken,
            error => !IsolatesTargets && ErrorCatalog.EndsCommand(error));
        WaitFor(run);
        if (run.IsFaulted)
        {
            WriteFailure(run.Exception!.GetBaseException(), null);
        }

        CompleteProgress();
    }

    private void Handle(WaitEvent e)
    {
        switch (e.Kind)
        {
            case WaitEventKind.Transition:
                var now = e.Job is null ? string.Empty : WaitPlan.StatusText(e.Job);
                WriteVerbose($"{e.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {e.Name}: {(e.PreviousStatus is null ? now : $"{e.PreviousStatus} -> {now}")}");
                break;
            case WaitEventKind.Polled:
                WriteJobProgress(e.Name, e.Job!, e.At);
                break;
            case WaitEventKind.Finished:
                WriteFinished(e.Job!);
                CompleteJobProgress(e.Name);
                break;
            case WaitEventKind.Failed:
                WriteFailure(waited[e.Name].Target, e.Error!, waited[e.Name].Name);
                CompleteJobProgress(e.Name);
                break;
            case WaitEventKind.Retrying:
                WriteVerbose($"{e.Name}: {e.Error!.Message} Polling again in {Math.Ceiling(e.RetryIn!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s.");
                break;
            case WaitEventKind.TimedOut:
                WriteError(ErrorCatalog.OperationTimeout.Record(
                    new TimeoutException($"AutoML job '{waited[e.Name].Name}'{(spans ? " in " + Describe(waited[e.Name].Target) : string.Empty)} is still {(e.Job is null ? "running (it was never described)" : WaitPlan.StatusText(e.Job))} after {Timeout}s; it was left running."),
                    (object?)e.Job ?? e.Name));
                CompleteJobProgress(e.Name);
                break;
        }

        WriteOverallProgress();
    }

    private void WriteFinished(AutoMLJobV2 job)
    {
        WriteResult(job);
        var name = job.AutoMLJobName;
        if (JobStatus.Is(job.AutoMLJobStatus, JobStatus.Failed))
        {
            var reason = string.IsNullOrEmpty(job.FailureReason) ? "no failure reason was given" : job.FailureReason;
            WriteError(ErrorCatalog.AutoMLJobFailed.Record(new InvalidOperationException($"AutoML job '{name}' failed: {reason}"), job));
        }
        else if (JobStatus.Is(job.AutoMLJobStatus, JobStatus.Stopped))
        {
            WriteError(ErrorCatalog.AutoMLJobStopped.Record(new OperationCanceledException($"AutoML job '{name}' was stopped ({job.AutoMLJobSecondaryStatus})."), job));
        }

        foreach (var partial in job.PartialFailureReasons ?? Array.Empty<AutoMLPartialFailureReason>())
        {
            if (!string.IsNullOrEmpty(partial.PartialFailureMessage))
            {
                WriteWarning($"AutoML job '{name}': {partial.PartialFailureMessage}");
            }
        }
    }

    private void WriteOverallProgress()
    {
        if (plan is null)
        {
            return;
        }

        var record = new ProgressRecord(ParentActivityId, "Waiting for AutoML jobs", $"{plan.Ended} of {plan.Total} finished, {Display.Duration(DateTime.UtcNow - started)} elapsed")
        {
            PercentComplete = plan.Total == 0 ? 100 : plan.Ended * 100 / plan.Total,
        };
        WriteProgressSafely(record);
    }

    private void WriteJobProgress(string name, AutoMLJobV2 job, DateTime at)
    {
        var record = new ProgressRecord(activityIds[name], name, ProgressEstimate.StatusLine(job, at))
        {
            ParentActivityId = ParentActivityId,
            PercentComplete = ProgressEstimate.Percent(job, at),
            SecondsRemaining = ProgressEstimate.SecondsRemaining(job, at),
        };
        WriteProgressSafely(record);
    }

    private void CompleteJobProgress(string name)
        => WriteProgressSafely(new ProgressRecord(activityIds[name], name, "Done") { ParentActivityId = ParentActivityId, RecordType = ProgressRecordType.Completed });

    private void CompleteProgress()
    {
        foreach (var pair in activityIds)
        {
            CompleteJobProgress(pair.Key);
        }

        WriteProgressSafely(new ProgressRecord(ParentActivityId, "Waiting for AutoML jobs", "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>A job waited for: its name, where it is, and the client that polls it.</summary>
    private sealed record WaitedJob(string Name, ConnectionSettings Target, IAutoMLClient Client);

    private void WriteProgressSafely(ProgressRecord record)
    {
        if (!CancellationToken.IsCancellationRequested)
        {
            WriteProgress(record);
        }
    }
}
