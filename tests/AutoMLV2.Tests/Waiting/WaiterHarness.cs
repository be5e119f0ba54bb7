namespace AutoMLV2.Tests.Waiting;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Tests.Support;
using AutoMLV2.Waiting;
using Xunit;

/// <summary>Runs the waiter over a fake client and a clock, collecting what it reports.</summary>
internal static class WaiterHarness
{
    /// <summary>
    /// Runs the waiter to the end and returns every event it reported, in order. On an
    /// auto-advancing <see cref="FakeWaitClock"/> time jumps whenever the waiter sleeps and
    /// <paramref name="canAdvance"/> allows.
    /// </summary>
    public static async Task<List<WaitEvent>> RunAsync(WaitPlan plan, FakeAutoMLClient client, IWaitClock clock, CancellationToken cancellationToken = default, Func<bool>? canAdvance = null)
    {
        var events = new List<WaitEvent>();
        void Report(WaitEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }
        }

        async Task<bool> Start()
        {
            await JobWaiter.RunAsync(plan, client, clock, Report, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var run = clock is FakeWaitClock { AutoAdvance: true } fake ? fake.Drive(Start, canAdvance) : Start();
        await run.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        Assert.Empty(client.Listed); // the waiter only ever describes
        return events;
    }

    public static WaitPlan Plan(FakeWaitClock clock, IEnumerable<string> names, double intervalSeconds = 30, double? timeoutSeconds = null, int throttleLimit = 8, int seed = 1)
        => new(names, TimeSpan.FromSeconds(intervalSeconds), timeoutSeconds is null ? null : TimeSpan.FromSeconds(timeoutSeconds.Value), throttleLimit, clock.UtcNow, new Random(seed));
}
