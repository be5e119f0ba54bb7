namespace AutoMLV2.Waiting;

using System;
using AutoMLV2.Model;

internal enum WaitEventKind
{
    /// <summary>A poll succeeded and the job is still running: <see cref="WaitEvent.Job"/> is its current state.</summary>
    Polled,

    /// <summary>The job's status or secondary status changed (the first observation counts as one).</summary>
    Transition,

    /// <summary>The job reached Completed, Failed or Stopped: <see cref="WaitEvent.Job"/> is its final state.</summary>
    Finished,

    /// <summary>The job could not be watched any more (not found, access denied, …): <see cref="WaitEvent.Error"/> says why.</summary>
    Failed,

    /// <summary>A poll failed with a transient error; the job will be polled again after <see cref="WaitEvent.RetryIn"/>.</summary>
    Retrying,

    /// <summary>The timeout expired while the job was still running; <see cref="WaitEvent.Job"/> is its last observed state (or null).</summary>
    TimedOut,
}

/// <summary>Something the waiter has to tell the user about one job.</summary>
internal sealed class WaitEvent
{
    public WaitEvent(WaitEventKind kind, string name, AutoMLJobV2? job, DateTime at, Exception? error = null, TimeSpan? retryIn = null, string? previousStatus = null)
    {
        Kind = kind;
        Name = name;
        Job = job;
        At = at;
        Error = error;
        RetryIn = retryIn;
        PreviousStatus = previousStatus;
    }

    public WaitEventKind Kind { get; }

    public string Name { get; }

    public AutoMLJobV2? Job { get; }

    /// <summary>When it happened (UTC, on the waiter's clock).</summary>
    public DateTime At { get; }

    public Exception? Error { get; }

    public TimeSpan? RetryIn { get; }

    /// <summary>For transitions: "Status/SecondaryStatus" before, or null on the first observation.</summary>
    public string? PreviousStatus { get; }
}
