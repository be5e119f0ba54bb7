namespace AutoMLV2.Tests.Waiting;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using AutoMLV2.Waiting;
using Xunit;

/// <summary>
/// The driver over the state machine, with a scripted SageMaker and virtual time: what is
/// described when, what the user is told, and when the wait ends.
/// </summary>
public sealed class JobWaiterTests
{
    private static IEnumerable<WaitEvent> Of(IEnumerable<WaitEvent> events, WaitEventKind kind) => events.Where(e => e.Kind == kind);

    // ---- terminal detection --------------------------------------------------------------------

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    public async Task AJobAlreadyTerminalReturnsAfterExactlyOneDescribe(string status)
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Always("done", status, status);

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "done" }), client, clock);

        Assert.Equal(1, client.Describes("done"));
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        Assert.Empty(clock.Delays);
        var finished = Assert.Single(Of(events, WaitEventKind.Finished));
        Assert.Equal(status, finished.Job!.AutoMLJobStatus);
        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Finished }, events.Select(e => e.Kind));
    }

    [Fact]
    public async Task StoppingIsNotTheEndButStoppedIs()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Job("s", (0, "InProgress", "TrainingModels"), (45, "Stopping", "TrainingModels"), (100, "Stopped", "Stopped"));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "s" }), client, clock);

        Assert.Equal(new[] { 0d, 30, 60, 90, 120 }, client.CallTimes("s").Select(t => t.TotalSeconds));
        Assert.Equal(
            new[] { "InProgress/TrainingModels", "Stopping/TrainingModels", "Stopped/Stopped" },
            Of(events, WaitEventKind.Transition).Select(e => WaitPlan.StatusText(e.Job!)));
        var finished = Assert.Single(Of(events, WaitEventKind.Finished));
        Assert.Equal("Stopped", finished.Job!.AutoMLJobStatus);
        Assert.Equal(clock.Start.AddSeconds(120), finished.At);
        Assert.Same(events[^1], finished);
    }

    [Fact]
    public async Task EveryPollOfARunningJobIsReportedAndIntermediateStatesAreTransitions()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Job("j",
            (0, "InProgress", "Starting"), (10, "InProgress", "AnalyzingData"), (40, "InProgress", "FeatureEngineering"),
            (70, "InProgress", "ModelTuning"), (100, "Completed", "Completed"));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "j" }), client, clock);

        Assert.Equal(4, Of(events, WaitEventKind.Polled).Count());
        Assert.Equal(
            new string?[] { null, "InProgress/Starting", "InProgress/AnalyzingData", "InProgress/FeatureEngineering", "InProgress/ModelTuning" },
            Of(events, WaitEventKind.Transition).Select(e => e.PreviousStatus));
        Assert.Single(Of(events, WaitEventKind.Finished));
    }

    // ---- per-job intervals -----------------------------------------------------------------------

    [Fact]
    public async Task TwoJobsStartedTogetherArePolledEveryIntervalEach()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock)
            .Job("fast", (0, "InProgress", "Starting"), (100, "Completed", "Completed"))
            .Job("slow", (0, "InProgress", "Starting"), (200, "Completed", "Completed"));

        await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "fast", "slow" }), client, clock);

        Assert.Equal(new[] { 0d, 30, 60, 90, 120 }, client.CallTimes("fast").Select(t => t.TotalSeconds));
        Assert.Equal(new[] { 0d, 30, 60, 90, 120, 150, 180, 210 }, client.CallTimes("slow").Select(t => t.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(210), clock.Elapsed);
    }

    [Theory]
    [InlineData(30, 100)]
    [InlineData(30, 90)]
    [InlineData(30, 1)]
    [InlineData(1, 7.5)]
    [InlineData(60, 3600)]
    [InlineData(7, 1000)]
    [InlineData(86400, 86401)]
    public async Task AJobFinishingAtTIsDescribedAtMostCeilTOverIntervalPlusOneTimes(double intervalSeconds, double finishSeconds)
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Job("j", (0, "InProgress", "TrainingModels"), (finishSeconds, "Completed", "Completed"));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "j" }, intervalSeconds), client, clock);

        var bound = (int)Math.Ceiling(finishSeconds / intervalSeconds) + 1;
        Assert.InRange(client.Describes("j"), 2, bound);
        var finished = Assert.Single(Of(events, WaitEventKind.Finished));
        // Seen within one interval of finishing.
        Assert.InRange((finished.At - clock.Start).TotalSeconds, finishSeconds, finishSeconds + intervalSeconds);
        // Consecutive describes of the job are exactly one interval apart.
        var times = client.CallTimes("j");
        Assert.All(times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds), gap => Assert.Equal(intervalSeconds, gap, 6));
    }

    [Fact]
    public async Task APollIntervalIsCountedPerJobNotPerRound()
    {
        // A slow describe of one job does not hold back the other job's schedule, and the slow
        // job keeps its period: its next poll is one interval after the slow poll was sent (or at
        // its answer, had that come later still).
        var clock = new FakeWaitClock(autoAdvance: false);
        var client = new FakeAutoMLClient(clock)
            .Job("a", (0, "InProgress", "Starting"), (95, "Completed", "Completed"))
            .Job("b", (0, "InProgress", "Starting"), (95, "Completed", "Completed"));
        var releaseSlow = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Latency = async (call, ct) =>
        {
            if (call.Name == "b" && call.Index == 2)
            {
                await releaseSlow.Task.WaitAsync(ct).ConfigureAwait(false);
            }
        };
        var events = new List<WaitEvent>();
        int Polls(string name)
        {
            lock (events)
            {
                return events.Count(e => e.Name == name && e.Kind is WaitEventKind.Polled or WaitEventKind.Finished);
            }
        }

        var run = JobWaiter.RunAsync(WaiterHarness.Plan(clock, new[] { "a", "b" }), client, clock, e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        }, CancellationToken.None);
        var released = false;
        while (!run.IsCompleted)
        {
            // Advance only while the driver sleeps, so that every poll sees the time it was due.
            await WaitUntilAsync(() => clock.PendingSleepers > 0 || run.IsCompleted);
            if (run.IsCompleted)
            {
                break;
            }

            if (!released && clock.Elapsed >= TimeSpan.FromSeconds(50))
            {
                // b's second describe started at 30 s and answers now, at 50 s.
                Assert.Equal(1, client.ConcurrentDescribes);
                Assert.Equal(1, Polls("b"));
                released = true;
                releaseSlow.SetResult(true);
                await WaitUntilAsync(() => Polls("b") == 2);
                continue;
            }

            clock.AdvanceSeconds(5);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { 0d, 30, 60, 90, 120 }, client.CallTimes("a").Select(t => t.TotalSeconds));
        Assert.Equal(new[] { 0d, 30, 60, 90, 120 }, client.CallTimes("b").Select(t => t.TotalSeconds));
    }

    // ---- finishing order -------------------------------------------------------------------------

    [Fact]
    public async Task JobsAreReportedFinishedInTheOrderTheyFinish()
    {
        var clock = new FakeWaitClock();
        var finishAt = new Dictionary<string, double> { ["echo"] = 250, ["alpha"] = 0, ["delta"] = 130, ["bravo"] = 45, ["charlie"] = 100 };
        var client = new FakeAutoMLClient(clock);
        foreach (var (name, at) in finishAt)
        {
            client.Job(name, (0, "InProgress", "Starting"), (at, at == 130 ? "Failed" : "Completed", "Completed"));
        }

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, finishAt.Keys, 10), client, clock);

        var finished = Of(events, WaitEventKind.Finished).ToList();
        Assert.Equal(new[] { "alpha", "bravo", "charlie", "delta", "echo" }, finished.Select(e => e.Name));
        Assert.Equal(new[] { 0d, 50, 100, 130, 250 }, finished.Select(e => (e.At - clock.Start).TotalSeconds));
        // Events are reported as they happen: their times never go backwards.
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.Second.At >= pair.First.At));
    }

    // ---- in-flight bound ---------------------------------------------------------------------------

    [Theory]
    [InlineData(1, 6)]
    [InlineData(3, 20)]
    [InlineData(8, 30)]
    [InlineData(64, 100)]
    public async Task NeverMoreThanThrottleLimitDescribesAreInFlight(int throttleLimit, int jobs)
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock) { Latency = (call, ct) => Task.Delay(call.Index == 1 ? 20 : 1 + (call.Index % 3), ct) };
        var names = Enumerable.Range(1, jobs).Select(i => $"job-{i:000}").ToList();
        foreach (var name in names)
        {
            client.Job(name, call => Jobs.Make(call.Name, call.Index >= 3 ? "Completed" : "InProgress", "TrainingModels"));
        }

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, names, 1, throttleLimit: throttleLimit), client, clock, canAdvance: () => client.ConcurrentDescribes == 0);

        Assert.InRange(client.MaxConcurrentDescribes, 1, throttleLimit);
        Assert.Equal(Math.Min(throttleLimit, jobs), client.MaxConcurrentDescribes);
        Assert.Equal(jobs, Of(events, WaitEventKind.Finished).Count());
        Assert.Equal(3 * jobs, client.TotalDescribes);
        Assert.Equal(0, client.ConcurrentDescribes);
    }

    [Fact]
    public async Task AFreedSlotIsUsedByTheNextDueJobAtOnce()
    {
        var clock = new FakeWaitClock(autoAdvance: false);
        var client = new FakeAutoMLClient(clock);
        var gates = new System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource<bool>>();
        client.Latency = (call, ct) =>
        {
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            gates.Enqueue(gate);
            return gate.Task.WaitAsync(ct);
        };
        var names = new[] { "a", "b", "c", "d", "e" };
        foreach (var name in names)
        {
            client.Always(name, "Completed", "Completed");
        }

        var run = WaiterHarness.RunAsync(WaiterHarness.Plan(clock, names, throttleLimit: 2), client, clock);
        for (var released = 0; released < names.Length; released++)
        {
            var expected = Math.Min(2, names.Length - released);
            await WaitUntilAsync(() => client.ConcurrentDescribes == expected && gates.Count == expected);
            Assert.Equal(released + expected, client.TotalDescribes);
            Assert.True(gates.TryDequeue(out var gate));
            gate!.SetResult(true);
        }

        var events = await run;
        Assert.Equal(2, client.MaxConcurrentDescribes);
        Assert.Equal(names.Length, Of(events, WaitEventKind.Finished).Count());
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
    }

    // ---- transient and permanent errors -------------------------------------------------------------

    [Theory]
    [MemberData(nameof(WaitPlanTests.TransientErrors), MemberType = typeof(WaitPlanTests))]
    public async Task TransientErrorsNeverEndAWait(AutoMLErrorKind kind, int? status)
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Job("j", call => call.Index switch
        {
            >= 2 and <= 5 => throw Jobs.Error(kind, status),
            >= 6 => Jobs.Make("j", "Completed", "Completed"),
            _ => Jobs.Make("j", "InProgress", "Starting"),
        });

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "j" }, 30, seed: 11), client, clock);

        Assert.Empty(Of(events, WaitEventKind.Failed));
        var retrying = Of(events, WaitEventKind.Retrying).ToList();
        Assert.Equal(4, retrying.Count);
        Assert.All(retrying, e => Assert.Equal(kind, Assert.IsAssignableFrom<AutoMLServiceException>(e.Error).Kind));
        Assert.All(retrying, e => Assert.Equal("InProgress", e.Job!.AutoMLJobStatus));
        var d = new[] { 30d, 60d, 120d, 120d };
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(retrying[i].RetryIn!.Value.TotalSeconds, d[i] / 2, d[i]);
        }

        // The next describe comes exactly RetryIn after the failure.
        var times = client.CallTimes("j");
        Assert.Equal(6, times.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(retrying[i].RetryIn!.Value, times[i + 2] - times[i + 1]);
        }

        Assert.Single(Of(events, WaitEventKind.Finished));
        Assert.Equal(WaitEventKind.Finished, events[^1].Kind);
    }

    [Fact]
    public async Task ATransientErrorOfOneJobDoesNotDisturbTheOthers()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock)
            .Job("flaky", call => call.Index is 2 or 3 ? throw Jobs.Error(AutoMLErrorKind.Connection) : Jobs.Make("flaky", call.Elapsed.TotalSeconds >= 200 ? "Completed" : "InProgress"))
            .Job("steady", (0, "InProgress", null), (150, "Completed", null));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "flaky", "steady" }), client, clock);

        Assert.Equal(new[] { 0d, 30, 60, 90, 120, 150 }, client.CallTimes("steady").Select(t => t.TotalSeconds));
        Assert.Equal(2, Of(events, WaitEventKind.Retrying).Count(e => e.Name == "flaky"));
        Assert.Equal(new[] { "steady", "flaky" }, Of(events, WaitEventKind.Finished).Select(e => e.Name));
    }

    [Theory]
    [MemberData(nameof(WaitPlanTests.PermanentErrors), MemberType = typeof(WaitPlanTests))]
    public async Task APermanentErrorEndsOnlyThatJob(AutoMLErrorKind kind, int? status)
    {
        var clock = new FakeWaitClock();
        var error = Jobs.Error(kind, status);
        var client = new FakeAutoMLClient(clock)
            .Job("broken", call => call.Index >= 2 ? throw error : Jobs.Make("broken", "InProgress", "Starting"))
            .Job("fine", (0, "InProgress", "Starting"), (100, "Completed", "Completed"));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "broken", "fine" }), client, clock);

        var failed = Assert.Single(Of(events, WaitEventKind.Failed));
        Assert.Equal("broken", failed.Name);
        Assert.Same(error, failed.Error);
        Assert.Equal("InProgress", failed.Job!.AutoMLJobStatus);
        Assert.Equal(clock.Start.AddSeconds(30), failed.At);
        Assert.Equal(2, client.Describes("broken"));
        Assert.Empty(Of(events, WaitEventKind.Retrying));
        var finished = Assert.Single(Of(events, WaitEventKind.Finished));
        Assert.Equal("fine", finished.Name);
        Assert.Equal(5, client.Describes("fine"));
    }

    [Fact]
    public async Task AMissingJobFailsAtOnceAndTheOthersFinish()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Job("here", (0, "InProgress", null), (60, "Completed", null));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "missing", "here" }), client, clock);

        var failed = Assert.Single(Of(events, WaitEventKind.Failed));
        Assert.Equal("missing", failed.Name);
        Assert.Equal(AutoMLErrorKind.NotFound, Assert.IsAssignableFrom<AutoMLServiceException>(failed.Error).Kind);
        Assert.Null(failed.Job);
        Assert.Equal(1, client.Describes("missing"));
        Assert.Equal("here", Assert.Single(Of(events, WaitEventKind.Finished)).Name);
    }

    [Fact]
    public async Task AConfigurationErrorEndsTheWholeRun()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock)
            .Job("a", _ => throw new AutoMLConfigurationException(AutoMLConfigurationError.NoCredentials, "No credentials."))
            .Always("b", "InProgress");

        var e = await Assert.ThrowsAsync<AutoMLConfigurationException>(() => WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "a", "b" }), client, clock));
        Assert.Equal("NoCredentials", e.ErrorId);
    }

    // ---- timeout ------------------------------------------------------------------------------------

    [Fact]
    public async Task TheTimeoutTimesOutEachRunningJobOnceWithTheLastObservedObjectAndEndsTheRun()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock)
            .Job("forever-1", call => Jobs.Make("forever-1", "InProgress", $"Poll{call.Index}"))
            .Job("forever-2", call => Jobs.Make("forever-2", "Stopping", $"Poll{call.Index}"))
            .Job("quick", (0, "InProgress", null), (50, "Completed", null))
            .Job("denied", _ => throw Jobs.Error(AutoMLErrorKind.AccessDenied, 400));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "forever-1", "quick", "forever-2", "denied" }, 30, timeoutSeconds: 100), client, clock);

        var timedOut = Of(events, WaitEventKind.TimedOut).ToList();
        Assert.Equal(new[] { "forever-1", "forever-2" }, timedOut.Select(e => e.Name));
        Assert.All(timedOut, e => Assert.Equal(clock.Start.AddSeconds(100), e.At));
        // Polled at 0, 30, 60, 90: the 4th describe is the last observed one.
        Assert.Equal("Poll4", timedOut[0].Job!.AutoMLJobSecondaryStatus);
        Assert.Equal("Poll4", timedOut[1].Job!.AutoMLJobSecondaryStatus);
        Assert.Equal(4, client.Describes("forever-1"));
        Assert.Equal(4, client.Describes("forever-2"));
        Assert.Equal("quick", Assert.Single(Of(events, WaitEventKind.Finished)).Name);
        Assert.Equal("denied", Assert.Single(Of(events, WaitEventKind.Failed)).Name);
        // The run ends at the deadline: nothing after the timeouts.
        Assert.Equal(TimeSpan.FromSeconds(100), clock.Elapsed);
        Assert.Equal(WaitEventKind.TimedOut, events[^1].Kind);
        Assert.Equal(WaitEventKind.TimedOut, events[^2].Kind);
    }

    [Fact]
    public async Task ATimeoutWhileADescribeHangsReportsTheJobUnobservedAndAbandonsTheRequest()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock) { Latency = (call, ct) => call.Name == "hung" ? Task.Delay(Timeout.Infinite, ct) : Task.CompletedTask };
        client.Always("hung", "InProgress").Always("running", "InProgress", "TrainingModels");

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "hung", "running" }, 10, timeoutSeconds: 25), client, clock);

        var timedOut = Of(events, WaitEventKind.TimedOut).ToList();
        Assert.Equal(new[] { "hung", "running" }, timedOut.Select(e => e.Name));
        Assert.Null(timedOut[0].Job);
        Assert.Equal("TrainingModels", timedOut[1].Job!.AutoMLJobSecondaryStatus);
        Assert.Equal(1, client.Describes("hung"));
        Assert.Equal(3, client.Describes("running"));
        await WaitUntilAsync(() => client.CancelledDescribes == 1);
        Assert.Equal(0, client.ConcurrentDescribes);
    }

    [Fact]
    public async Task ATimeoutAfterEveryJobFinishedReportsNothing()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Job("j", (0, "InProgress", null), (20, "Completed", null));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "j" }, 10, timeoutSeconds: 3600), client, clock);

        Assert.Empty(Of(events, WaitEventKind.TimedOut));
        Assert.Equal(TimeSpan.FromSeconds(20), clock.Elapsed);
        // Every sleep the waiter started (until the deadline, while a poll was in flight) was cancelled: no timer is left behind.
        Assert.NotEmpty(clock.Delays);
        Assert.Equal(0, clock.PendingSleepers);
    }

    // ---- cancellation ---------------------------------------------------------------------------------

    [Fact]
    public async Task CancellationEndsTheWaitPromptlyOnTheRealClock()
    {
        var clock = SystemWaitClock.Instance;
        var client = new FakeAutoMLClient(clock).Always("j", "InProgress", "TrainingModels");
        var plan = new WaitPlan(new[] { "j" }, TimeSpan.FromSeconds(30), null, 8, clock.UtcNow, new Random(1));
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        cts.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => JobWaiter.RunAsync(plan, client, clock, _ => { }, cts.Token));

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"RunAsync took {watch.Elapsed} to end after cancellation.");
        Assert.Equal(1, client.Describes("j"));
    }

    [Fact]
    public async Task CancellationEndsAHangingDescribePromptly()
    {
        var clock = SystemWaitClock.Instance;
        var client = new FakeAutoMLClient(clock) { Latency = (_, ct) => Task.Delay(Timeout.Infinite, ct) };
        client.Always("j", "InProgress");
        var plan = new WaitPlan(new[] { "j" }, TimeSpan.FromSeconds(30), null, 8, clock.UtcNow, new Random(1));
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        cts.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => JobWaiter.RunAsync(plan, client, clock, _ => { }, cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"RunAsync took {watch.Elapsed} to end after cancellation.");
        await WaitUntilAsync(() => client.CancelledDescribes == 1);
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenDescribesNothing()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock).Always("j", "InProgress");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "j" }), client, clock, cts.Token));
        Assert.Equal(0, client.TotalDescribes);
    }

    [Fact]
    public async Task CancellationDuringAVirtualSleepReportsNothingMore()
    {
        var clock = new FakeWaitClock(autoAdvance: false);
        var client = new FakeAutoMLClient(clock).Always("j", "InProgress");
        using var cts = new CancellationTokenSource();
        var events = new List<WaitEvent>();

        var run = JobWaiter.RunAsync(WaiterHarness.Plan(clock, new[] { "j" }), client, clock, events.Add, cts.Token);
        await WaitUntilAsync(() => clock.PendingSleepers == 1);
        var reported = events.Count;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(reported, events.Count);
        Assert.Equal(0, clock.PendingSleepers);
        Assert.Equal(1, client.Describes("j"));
    }

    // ---- duplicates ------------------------------------------------------------------------------------

    [Fact]
    public async Task DuplicateNamesAreWaitedOnOnce()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock)
            .Job("churn", (0, "InProgress", null), (30, "Completed", null))
            .Job("fraud", (0, "InProgress", null), (60, "Completed", null));

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, new[] { "churn", "CHURN", "fraud", "Churn", "FRAUD", "fraud" }), client, clock);

        Assert.Equal(2, client.Describes("churn"));
        Assert.Equal(3, client.Describes("fraud"));
        Assert.Equal(0, client.Describes("CHURN") + client.Describes("Churn") + client.Describes("FRAUD"));
        Assert.Equal(new[] { "churn", "fraud" }, Of(events, WaitEventKind.Finished).Select(e => e.Name));
    }

    [Fact]
    public async Task NothingToWaitForEndsAtOnce()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock);

        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, Array.Empty<string>()), client, clock);

        Assert.Empty(events);
        Assert.Equal(0, client.TotalDescribes);
    }

    // ---- long runs ---------------------------------------------------------------------------------------

    [Fact]
    public async Task ADayOfPollingManyJobsRunsInVirtualTime()
    {
        var clock = new FakeWaitClock();
        var client = new FakeAutoMLClient(clock);
        var names = Enumerable.Range(0, 50).Select(i => $"job-{i:00}").ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var finish = 1800d * (i + 1);
            client.Job(names[i], (0, "InProgress", "Starting"), (finish / 2, "InProgress", "TrainingModels"), (finish, i % 5 == 0 ? "Failed" : "Completed", "Completed"));
        }

        var watch = Stopwatch.StartNew();
        var events = await WaiterHarness.RunAsync(WaiterHarness.Plan(clock, names, 60, throttleLimit: 4), client, clock);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(names, Of(events, WaitEventKind.Finished).Select(e => e.Name));
        Assert.Equal(TimeSpan.FromSeconds(1800 * 50), clock.Elapsed);
        foreach (var name in names)
        {
            Assert.Equal(3, events.Count(e => e.Kind == WaitEventKind.Transition && e.Name == name));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(1);
        }
    }
}
