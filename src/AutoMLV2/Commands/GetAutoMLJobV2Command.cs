namespace AutoMLV2.Commands;

using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// <para type="synopsis">Gets Amazon SageMaker AutoML V2 jobs by name or wildcard.</para>
/// <para type="description">A literal name is described with DescribeAutoMLJobV2. A wildcard pattern, or no name at all,
/// lists jobs with ListAutoMLJobs (newest first) and describes each match. Jobs are described
/// concurrently and written in order as they arrive. -Status and the time filters are sent to
/// ListAutoMLJobs and checked on every described job.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AutoMLJobV2")]
[OutputType(typeof(AutoMLJobV2))]
public sealed class GetAutoMLJobV2Command : AutoMLCmdletBase
{
    private OrderedResults<Outcome>? results;
    private DateTime? createdAfter;
    private DateTime? createdBefore;
    private DateTime? modifiedAfter;
    private DateTime? modifiedBefore;
    private TimeFilter times = TimeFilter.None;

    /// <summary>Names of AutoML jobs, or wildcard patterns. Without a name, every job is listed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "JobName")]
    [ArgumentCompleter(typeof(AutoMLJobNameCompleter))]
    [SupportsWildcards]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string?[]? AutoMLJobName { get; set; }

    /// <summary>Only jobs with this status (ListAutoMLJobs StatusEquals for wildcards).</summary>
    [Parameter]
    [ValidateSet(JobStatus.Completed, JobStatus.InProgress, JobStatus.Failed, JobStatus.Stopped, JobStatus.Stopping, IgnoreCase = true)]
    public string? Status { get; set; }

    /// <summary>Only jobs created after this time (ListAutoMLJobs CreationTimeAfter; exclusive). A local or unspecified time is the local time zone's.</summary>
    [Parameter]
    [Alias("CreationTimeAfter")]
    public DateTime CreatedAfter { get => createdAfter.GetValueOrDefault(); set => createdAfter = value; }

    /// <summary>Only jobs created before this time (ListAutoMLJobs CreationTimeBefore; exclusive).</summary>
    [Parameter]
    [Alias("CreationTimeBefore")]
    public DateTime CreatedBefore { get => createdBefore.GetValueOrDefault(); set => createdBefore = value; }

    /// <summary>Only jobs last modified after this time (ListAutoMLJobs LastModifiedTimeAfter; exclusive).</summary>
    [Parameter]
    [Alias("LastModifiedTimeAfter")]
    public DateTime ModifiedAfter { get => modifiedAfter.GetValueOrDefault(); set => modifiedAfter = value; }

    /// <summary>Only jobs last modified before this time (ListAutoMLJobs LastModifiedTimeBefore; exclusive).</summary>
    [Parameter]
    [Alias("LastModifiedTimeBefore")]
    public DateTime ModifiedBefore { get => modifiedBefore.GetValueOrDefault(); set => modifiedBefore = value; }

    /// <summary>How many jobs are described at the same time (1 to 64, default 16).</summary>
    [Parameter]
    [ValidateRange(1, MostThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    // Requests are bounded by the command's request limit (PacedAsync), not by the results in
    // progress: a result whose connection is throttled waits without taking another connection's turn.
    private OrderedResults<Outcome> Results => results ??= new OrderedResults<Outcome>(ResultsInProgress);

    /// <summary>How many results may be in progress or waiting to be written at once.</summary>
    private int ResultsInProgress => ThrottleLimit * 4;

    protected override int RequestLimit => ThrottleLimit;

    /// <summary>-Status as the API spells it (the parameter accepts any case; StatusEquals does not).</summary>
    private string? StatusEquals => Status is null ? null : JobStatus.ApiSpelling(Status);

    /// <summary>Checks the time filters before any request: a range no job can be in ends the command.</summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            times = TimeFilter.Create(createdAfter, createdBefore, modifiedAfter, modifiedBefore, TimeZoneInfo.Local);
        }
        catch (ArgumentException e)
        {
            WriteFailure(ErrorCatalog.InvalidTimeFilter, e, null);
        }
    }

    protected override void ProcessRecord()
    {
        var targets = CurrentTargets();
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(AutoMLJobName)))
        {
            ListJobs(null, targets, StatusEquals, times, (name, target) => Describe(name, target, null), WriteReady);
            return;
        }

        ExpandJobNames(AutoMLJobName, targets, StatusEquals, times, Describe, error => Results.AddCompleted(Outcome.Failed(error)), WriteReady);
    }

    protected override void EndProcessing()
    {
        while (Results.Count > 0)
        {
            WaitFor(Results.Head);
            WriteReady();
        }

        base.EndProcessing();
    }

    private void Describe(string name, ConnectionSettings target, LiteralGroup? group)
    {
        var client = ClientFor(target);
        var token = CancellationToken;
        Results.Add(() => DescribeAsync(client, name, target, group), () => Dispatcher.Post(WriteReady), token);

        // Keep the queue of finished-but-unwritten results bounded when the head is slow.
        while (Results.Count >= ResultsInProgress)
        {
            WaitFor(Results.Head);
            WriteReady();
        }
    }

    private async Task<Outcome> DescribeAsync(IAutoMLClient client, string name, ConnectionSettings target, LiteralGroup? group)
    {
        if (HasFailed(target))
        {
            // That connection failed as a whole since this was queued: its error is written already.
            return Outcome.Skipped(target, group);
        }

        try
        {
            return Outcome.Succeeded(await PacedAsync(target, () => client.DescribeAutoMLJobV2Async(name, CancellationToken), $"'{name}'").ConfigureAwait(false), target, group);
        }
        catch (Exception e) when (WasNotSent(e))
        {
            return Outcome.Skipped(target, group);
        }
        catch (Exception e) when (e is AutoMLServiceException or AutoMLConfigurationException)
        {
            return Outcome.Failed(e, name, target, group);
        }
    }

    /// <summary>Writes every finished result at the head of the queue, in order.</summary>
    private void WriteReady()
    {
        while (Results.TryTake(out var done))
        {
            if (done.IsCanceled || CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            var outcome = done.Result;
            ErrorRecord? notFound = null;
            if (outcome.Job is { } job)
            {
                notFound = outcome.Group?.Found();
                if (Passes(job))
                {
                    WriteResult(job);
                }
            }
            else if (outcome.Group is { } group && outcome.Exception is { } error && LiteralGroup.IsNotFound(error))
            {
                notFound = group.NotFound(outcome.Target!);
            }
            else
            {
                notFound = outcome.Group?.Failed();
                if (outcome.Exception is { } failure)
                {
                    WriteFailure(outcome.Target!, failure, outcome.Name);
                }
                else if (outcome.Error is { } record)
                {
                    WriteFailure(record);
                }
            }

            if (notFound is not null)
            {
                WriteError(notFound);
            }
        }
    }

    /// <summary>
    /// Whether a described job passes -Status and the time filters. The service has applied them
    /// to a listing already; a literal name is only filtered here, and a listed job is checked
    /// again as described (its status may have changed since).
    /// </summary>
    private bool Passes(AutoMLJobV2 job)
    {
        if (Status is not null && !JobStatus.Is(job.AutoMLJobStatus, Status))
        {
            return false;
        }

        if (!times.Matches(job.CreationTime, job.LastModifiedTime))
        {
            WriteVerbose($"'{job.AutoMLJobName}' is left out: its CreationTime or LastModifiedTime is outside the time filters ({times}).");
            return false;
        }

        return true;
    }

    /// <summary>A described job, or the failure for one name in one connection, or an invalid name.</summary>
    private sealed class Outcome
    {
        private Outcome(AutoMLJobV2? job, ErrorRecord? error, Exception? exception, string? name, ConnectionSettings? target, LiteralGroup? group)
        {
            Job = job;
            Error = error;
            Exception = exception;
            Name = name;
            Target = target;
            Group = group;
        }

        public AutoMLJobV2? Job { get; }

        /// <summary>An error made before any request (an invalid name).</summary>
        public ErrorRecord? Error { get; }

        /// <summary>Why the request failed.</summary>
        public Exception? Exception { get; }

        public string? Name { get; }

        public ConnectionSettings? Target { get; }

        public LiteralGroup? Group { get; }

        public static Outcome Succeeded(AutoMLJobV2 job, ConnectionSettings target, LiteralGroup? group) => new(job, null, null, job.AutoMLJobName, target, group);

        public static Outcome Failed(ErrorRecord error) => new(null, error, null, null, null, null);

        public static Outcome Failed(Exception exception, string name, ConnectionSettings target, LiteralGroup? group) => new(null, null, exception, name, target, group);

        public static Outcome Skipped(ConnectionSettings target, LiteralGroup? group) => new(null, null, null, null, target, group);
    }
}
