namespace AutoMLV2.Waiting;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// Drives a <see cref="WaitPlan"/>: polls the jobs that are due with DescribeAutoMLJobV2 (all jobs
/// share the plan's bound on requests in flight), sleeps until the next one is due, and reports
/// every event through <paramref name="report"/> as it happens. Cancellation (Ctrl+C) ends every
/// request and every sleep at once.
/// </summary>
internal static class JobWaiter
{
    /// <summary>Waits for the plan's jobs, each described by its name with <paramref name="client"/>.</summary>
    public static Task RunAsync(WaitPlan plan, IAutoMLClient client, IWaitClock clock, Action<WaitEvent> report, CancellationToken cancellationToken)
        => RunAsync(plan, client.DescribeAutoMLJobV2Async, clock, report, cancellationToken);

    /// <summary>
    /// Waits for the plan's jobs, each polled with <paramref name="describe"/> given its key in the plan
    /// (the cmdlet's keys name the job and, when it spans connections, where it is). A failure that
    /// <paramref name="endsWait"/> says no job can escape (by default, what ends a command: no
    /// credentials) ends the wait; any other ends the wait of that job only (or is retried, when transient).
    /// </summary>
    public static async Task RunAsync(WaitPlan plan, Func<string, CancellationToken, Task<AutoMLJobV2>> describe, IWaitClock clock, Action<WaitEvent> report, CancellationToken cancellationToken, Func<Exception, bool>? endsWait = null)
    {
        endsWait ??= ErrorCatalog.EndsCommand;
        // Polls of jobs that ended by timeout are abandoned, and cancelled with this source.
        using var polls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Dictionary<Task<PollResult>, string>();
        try
        {
            while (!plan.IsDone)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var name in plan.TakeDue(clock.UtcNow))
                {
                    inFlight.Add(PollAsync(describe, name, endsWait, polls.Token), name);
                }

                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var waits = new List<Task>(inFlight.Keys);
                var wake = plan.NextWake();
                if (wake is not null)
                {
                    waits.Add(clock.Delay(wake.Value - clock.UtcNow, sleep.Token));
                }

                if (waits.Count == 0)
                {
                    throw new InvalidOperationException("The waiter has nothing to wait for.");
                }

                await Task.WhenAny(waits).ConfigureAwait(false);
                sleep.Cancel();
                cancellationToken.ThrowIfCancellationRequested();

                foreach (var done in inFlight.Keys.Where(t => t.IsCompleted).ToList())
                {
                    var name = inFlight[done];
                    inFlight.Remove(done);
                    var result = await done.ConfigureAwait(false);
                    var events = result.Job is not null
                        ? plan.OnDescribed(name, result.Job, clock.UtcNow)
                        : plan.OnFailed(name, result.Error!, clock.UtcNow);
                    foreach (var e in events)
                    {
                        report(e);
                    }
                }

                foreach (var e in plan.OnClock(clock.UtcNow))
                {
                    report(e);
                }
            }
        }
        finally
        {
            polls.Cancel();
        }
    }

    private static async Task<PollResult> PollAsync(Func<string, CancellationToken, Task<AutoMLJobV2>> describe, string name, Func<Exception, bool> endsWait, CancellationToken cancellationToken)
    {
        try
        {
            return new PollResult(await describe(name, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (endsWait(e))
        {
            // Nothing can be watched without credentials: the command stops.
            throw;
        }
        catch (Exception e)
        {
            return new PollResult(null, e);
        }
    }

    private sealed class PollResult
    {
        public PollResult(AutoMLJobV2? job, Exception? error)
        {
            Job = job;
            Error = error;
        }

        public AutoMLJobV2? Job { get; }

        public Exception? Error { get; }
    }
}
