namespace AutoMLV2.Tests.Waiting;

using System;
using System.Collections.Generic;
using System.Linq;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using AutoMLV2.Waiting;
using Xunit;

/// <summary>The waiter's state machine on its own: no client, no clock, just times passed in.</summary>
public sealed class WaitPlanTests
{
    private static readonly DateTime T0 = FakeWaitClock.DefaultStart;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static WaitPlan NewPlan(IEnumerable<string> names, TimeSpan? timeout = null, int maxInFlight = 8, double intervalSeconds = 30, int seed = 7)
        => new(names, TimeSpan.FromSeconds(intervalSeconds), timeout, maxInFlight, T0, new Random(seed));

    // ---- terminal statuses -------------------------------------------------------------------

    [Theory]
    [InlineData("Completed", true)]
    [InlineData("Failed", true)]
    [InlineData("Stopped", true)]
    [InlineData("completed", true)]
    [InlineData("STOPPED", true)]
    [InlineData("InProgress", false)]
    [InlineData("Stopping", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Unknown", false)]
    public void OnlyCompletedFailedAndStoppedAreTerminal(string? status, bool terminal)
    {
        Assert.Equal(terminal, JobStatus.IsTerminal(status));
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    public void ATerminalDescribeEndsTheJobWithATransitionAndAFinishedEvent(string status)
    {
        var plan = NewPlan(new[] { "a" });
        Assert.Equal(new[] { "a" }, plan.TakeDue(T0));
        var job = Jobs.Make("a", status, status);

        var events = plan.OnDescribed("a", job, T0);

        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Finished }, events.Select(e => e.Kind));
        Assert.Same(job, events[1].Job);
        Assert.True(plan.IsDone);
        Assert.Equal(1, plan.Ended);
        Assert.Empty(plan.TakeDue(T0.AddHours(1)));
        Assert.Null(plan.NextWake());
    }

    [Fact]
    public void StoppingIsPolledAgainAfterTheInterval()
    {
        var plan = NewPlan(new[] { "a" });
        plan.TakeDue(T0);

        var events = plan.OnDescribed("a", Jobs.Make("a", "Stopping", "Stopping"), T0);

        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Polled }, events.Select(e => e.Kind));
        Assert.False(plan.IsDone);
        Assert.Equal(T0 + Interval, plan.NextWake());
        Assert.Empty(plan.TakeDue(T0 + Interval - TimeSpan.FromTicks(1)));
        Assert.Equal(new[] { "a" }, plan.TakeDue(T0 + Interval));
    }

    // ---- transitions ---------------------------------------------------------------------------

    [Fact]
    public void TransitionsAreReportedOnlyWhenStatusOrSecondaryStatusChanges()
    {
        var plan = NewPlan(new[] { "a" });
        var t = T0;
        var kinds = new List<WaitEventKind[]>();
        var previous = new List<string?>();
        foreach (var (status, secondary) in new[] { ("InProgress", "Starting"), ("InProgress", "Starting"), ("InProgress", "AnalyzingData"), ("Stopping", "AnalyzingData"), ("Stopped", "Stopped") })
        {
            Assert.Single(plan.TakeDue(t));
            var events = plan.OnDescribed("a", Jobs.Make("a", status, secondary), t);
            kinds.Add(events.Select(e => e.Kind).ToArray());
            previous.AddRange(events.Where(e => e.Kind == WaitEventKind.Transition).Select(e => e.PreviousStatus));
            t += Interval;
        }

        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Polled }, kinds[0]);
        Assert.Equal(new[] { WaitEventKind.Polled }, kinds[1]);
        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Polled }, kinds[2]);
        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Polled }, kinds[3]);
        Assert.Equal(new[] { WaitEventKind.Transition, WaitEventKind.Finished }, kinds[4]);
        Assert.Equal(new string?[] { null, "InProgress/Starting", "InProgress/AnalyzingData", "Stopping/AnalyzingData" }, previous);
    }

    // ---- scheduling and the in-flight bound ------------------------------------------------

    [Fact]
    public void TakeDueNeverHandsOutMoreThanTheInFlightBound()
    {
        var names = Enumerable.Range(1, 10).Select(i => $"job-{i:00}").ToArray();
        var plan = NewPlan(names, maxInFlight: 3);

        var first = plan.TakeDue(T0);
        Assert.Equal(names.Take(3), first);
        Assert.Empty(plan.TakeDue(T0));

        // Saturated: only the deadline (none here) could wake the driver, not a due job.
        Assert.Null(plan.NextWake());

        plan.OnDescribed(first[0], Jobs.Make(first[0], "InProgress", "Starting"), T0);
        Assert.Equal(new[] { "job-04" }, plan.TakeDue(T0));
        plan.OnFailed(first[1], Jobs.Error(AutoMLErrorKind.Throttling, 400), T0);
        Assert.Equal(new[] { "job-05" }, plan.TakeDue(T0));
        plan.OnFailed(first[2], Jobs.Error(AutoMLErrorKind.NotFound, 400), T0);
        Assert.Equal(new[] { "job-06" }, plan.TakeDue(T0));
        Assert.Empty(plan.TakeDue(T0));
    }

    [Fact]
    public void ASaturatedPlanStillWakesForTheDeadline()
    {
        var plan = NewPlan(new[] { "a", "b" }, timeout: TimeSpan.FromSeconds(100), maxInFlight: 1);
        Assert.Single(plan.TakeDue(T0));
        Assert.Equal(T0.AddSeconds(100), plan.NextWake());
        Assert.Equal(T0.AddSeconds(100), plan.Deadline);
    }

    [Fact]
    public void NextWakeIsTheEarliestDuePollOfAJobNotInFlight()
    {
        // Both are sent at T0; the next poll of each is one interval after it was sent.
        var plan = NewPlan(new[] { "a", "b" }, timeout: TimeSpan.FromHours(1));
        Assert.Equal(2, plan.TakeDue(T0).Count);
        Assert.Equal(T0.AddHours(1), plan.NextWake());
        plan.OnDescribed("b", Jobs.Make("b", "InProgress"), T0.AddSeconds(5));
        Assert.Equal(T0.AddSeconds(30), plan.NextWake());
        Assert.Equal(new[] { "b" }, plan.TakeDue(T0.AddSeconds(30)));
        Assert.Equal(T0.AddHours(1), plan.NextWake());
        plan.OnDescribed("a", Jobs.Make("a", "InProgress"), T0.AddSeconds(40));
        Assert.Equal(T0.AddSeconds(40), plan.NextWake());
        plan.OnDescribed("b", Jobs.Make("b", "InProgress"), T0.AddSeconds(31));
        Assert.Equal(T0.AddSeconds(40), plan.NextWake());
        Assert.Equal(new[] { "a" }, plan.TakeDue(T0.AddSeconds(40)));
        Assert.Equal(T0.AddSeconds(60), plan.NextWake());
    }

    [Fact]
    public void DuplicateNamesDifferingOnlyInCaseAreOneJob()
    {
        var plan = NewPlan(new[] { "churn-1", "CHURN-1", "Churn-2", "churn-2", "churn-1" });
        Assert.Equal(2, plan.Total);
        Assert.Equal(new[] { "churn-1", "Churn-2" }, plan.Jobs.Select(j => j.Name));
        Assert.Equal(new[] { "churn-1", "Churn-2" }, plan.TakeDue(T0));

        // A result under another spelling of the name belongs to the same job.
        var events = plan.OnDescribed("CHURN-1", Jobs.Make("churn-1", "Completed", "Completed"), T0);
        Assert.Contains(events, e => e.Kind == WaitEventKind.Finished);
        Assert.Equal(1, plan.Ended);
    }

    [Fact]
    public void AZeroOrNegativeIntervalIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaitPlan(new[] { "a" }, TimeSpan.Zero, null, 8, T0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaitPlan(new[] { "a" }, TimeSpan.FromSeconds(-1), null, 8, T0, new Random(1)));
    }

    [Fact]
    public void AnInFlightBoundBelowOneMeansOne()
    {
        var plan = NewPlan(new[] { "a", "b" }, maxInFlight: 0);
        Assert.Single(plan.TakeDue(T0));
    }

    // ---- timeout ---------------------------------------------------------------------------------

    [Fact]
    public void TheDeadlineTimesOutEveryRunningJobOnceWithItsLastObservedState()
    {
        var plan = NewPlan(new[] { "a", "b", "c", "d" }, timeout: TimeSpan.FromSeconds(100));
        plan.TakeDue(T0);
        var lastA = Jobs.Make("a", "InProgress", "TrainingModels");
        plan.OnDescribed("a", lastA, T0);
        plan.OnDescribed("b", Jobs.Make("b", "Completed", "Completed"), T0);
        plan.OnFailed("c", Jobs.Error(AutoMLErrorKind.AccessDenied, 400), T0);
        // d is still in flight: never described.

        Assert.Empty(plan.OnClock(T0.AddSeconds(99.999)));
        var events = plan.OnClock(T0.AddSeconds(100));

        Assert.All(events, e => Assert.Equal(WaitEventKind.TimedOut, e.Kind));
        Assert.Equal(new[] { "a", "d" }, events.Select(e => e.Name));
        Assert.Same(lastA, events[0].Job);
        Assert.Null(events[1].Job);
        Assert.All(events, e => Assert.Equal(T0.AddSeconds(100), e.At));
        Assert.True(plan.IsDone);
        Assert.Empty(plan.OnClock(T0.AddSeconds(200)));

        // The abandoned poll of d coming back late changes nothing.
        Assert.Empty(plan.OnDescribed("d", Jobs.Make("d", "Completed", "Completed"), T0.AddSeconds(101)));
        Assert.Empty(plan.OnFailed("d", Jobs.Error(AutoMLErrorKind.Throttling, 400), T0.AddSeconds(101)));
    }

    [Fact]
    public void WithoutATimeoutTheClockNeverEndsAJob()
    {
        var plan = NewPlan(new[] { "a" });
        Assert.Empty(plan.OnClock(DateTime.MaxValue));
        Assert.False(plan.IsDone);
        Assert.Null(plan.Deadline);
    }

    // ---- errors ----------------------------------------------------------------------------------

    public static TheoryData<AutoMLErrorKind, int?> TransientErrors => new()
    {
        { AutoMLErrorKind.Throttling, 400 },
        { AutoMLErrorKind.Throttling, 429 },
        { AutoMLErrorKind.Connection, null },
        { AutoMLErrorKind.ServiceError, 500 },
        { AutoMLErrorKind.ServiceError, 502 },
        { AutoMLErrorKind.ServiceError, 503 },
        { AutoMLErrorKind.ServiceError, null },
        { AutoMLErrorKind.InvalidResponse, 200 },
        { AutoMLErrorKind.InvalidResponse, null },
    };

    public static TheoryData<AutoMLErrorKind, int?> PermanentErrors => new()
    {
        { AutoMLErrorKind.NotFound, 400 },
        { AutoMLErrorKind.AccessDenied, 400 },
        { AutoMLErrorKind.AccessDenied, 403 },
        { AutoMLErrorKind.Authentication, 403 },
        { AutoMLErrorKind.Authentication, 400 },
        { AutoMLErrorKind.InvalidArgument, 400 },
        { AutoMLErrorKind.ServiceError, 400 },
        { AutoMLErrorKind.ServiceError, 404 },
        { AutoMLErrorKind.ServiceError, 409 },
        { AutoMLErrorKind.ServiceError, 499 },
    };

    [Theory]
    [MemberData(nameof(TransientErrors))]
    public void TransientErrorsAreRetried(AutoMLErrorKind kind, int? status)
    {
        var error = Jobs.Error(kind, status);
        Assert.True(RetryPolicy.IsTransient(error));

        var plan = NewPlan(new[] { "a" });
        plan.TakeDue(T0);
        var seen = Jobs.Make("a", "InProgress", "Starting");
        plan.OnDescribed("a", seen, T0);
        plan.TakeDue(T0 + Interval);
        var events = plan.OnFailed("a", error, T0 + Interval);

        var retrying = Assert.Single(events);
        Assert.Equal(WaitEventKind.Retrying, retrying.Kind);
        Assert.Same(error, retrying.Error);
        Assert.Same(seen, retrying.Job);
        Assert.NotNull(retrying.RetryIn);
        Assert.False(plan.IsDone);
        Assert.Equal(T0 + Interval + retrying.RetryIn!.Value, plan.NextWake());
    }

    [Theory]
    [MemberData(nameof(PermanentErrors))]
    public void PermanentErrorsEndOnlyThatJob(AutoMLErrorKind kind, int? status)
    {
        var error = Jobs.Error(kind, status);
        Assert.False(RetryPolicy.IsTransient(error));

        var plan = NewPlan(new[] { "a", "b" });
        plan.TakeDue(T0);
        var events = plan.OnFailed("a", error, T0);
        plan.OnDescribed("b", Jobs.Make("b", "InProgress"), T0);

        var failed = Assert.Single(events);
        Assert.Equal(WaitEventKind.Failed, failed.Kind);
        Assert.Same(error, failed.Error);
        Assert.Null(failed.Job);
        Assert.Equal(1, plan.Ended);
        Assert.False(plan.IsDone);
        Assert.Equal(new[] { "b" }, plan.TakeDue(T0 + Interval));
    }

    [Fact]
    public void ExceptionsThatAreNotServiceErrorsArePermanent()
    {
        Assert.False(RetryPolicy.IsTransient(new InvalidOperationException("bug")));
        Assert.False(RetryPolicy.IsTransient(new TimeoutException()));
        Assert.False(RetryPolicy.IsTransient(new AutoMLConfigurationException(AutoMLConfigurationError.NoRegion, "no region")));
    }

    // ---- backoff ----------------------------------------------------------------------------------

    public static TheoryData<double, int> BackoffCases()
    {
        var data = new TheoryData<double, int>();
        foreach (var interval in new[] { 1d, 5d, 30d, 60d, 119d, 120d, 300d, 86400d })
        {
            foreach (var failures in new[] { 1, 2, 3, 4, 5, 6, 8, 10, 16, 17, 30, 64, 1000, int.MaxValue })
            {
                data.Add(interval, failures);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BackoffCases))]
    public void BackoffIsBetweenHalfAndAllOfTheCappedExponential(double intervalSeconds, int failures)
    {
        var plan = NewPlan(new[] { "a" }, intervalSeconds: intervalSeconds, seed: failures);
        var cap = Math.Max(intervalSeconds, 120d);
        var d = Math.Min(cap, intervalSeconds * Math.Pow(2, Math.Min(failures - 1, 62)));
        var samples = Enumerable.Range(0, 500).Select(_ => plan.Backoff(failures).TotalSeconds).ToList();

        // TimeSpan keeps ticks (100 ns): allow one tick of rounding on either side.
        const double tick = 1e-7;
        Assert.All(samples, s => Assert.InRange(s, (d / 2) - tick, d + tick));

        // Jitter: the samples spread over the range instead of sitting on one value.
        Assert.True(samples.Min() < d * 0.6, $"min {samples.Min()} of [{d / 2}, {d}]");
        Assert.True(samples.Max() > d * 0.9, $"max {samples.Max()} of [{d / 2}, {d}]");
    }

    [Fact]
    public void BackoffDoublesFromTheIntervalUpToTwoMinutes()
    {
        // Exact values of d through the bounds: [d/2, d] for consecutive failures with a 30 s interval.
        var plan = NewPlan(new[] { "a" });
        var expected = new[] { 30d, 60d, 120d, 120d, 120d };
        for (var n = 1; n <= expected.Length; n++)
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.InRange(plan.Backoff(n).TotalSeconds, expected[n - 1] / 2, expected[n - 1]);
            }
        }
    }

    [Fact]
    public void BackoffIsDeterministicForASeededRandom()
    {
        var one = NewPlan(new[] { "a" }, seed: 42);
        var two = NewPlan(new[] { "a" }, seed: 42);
        var other = NewPlan(new[] { "a" }, seed: 43);

        var a = Enumerable.Range(1, 20).Select(n => one.Backoff(n)).ToList();
        var b = Enumerable.Range(1, 20).Select(n => two.Backoff(n)).ToList();
        var c = Enumerable.Range(1, 20).Select(n => other.Backoff(n)).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void ConsecutiveTransientFailuresBackOffFurtherAndASuccessResetsTheCount()
    {
        var plan = NewPlan(new[] { "a" });
        var t = T0;
        var retries = new List<TimeSpan>();
        void Fail()
        {
            Assert.Single(plan.TakeDue(t));
            var e = Assert.Single(plan.OnFailed("a", Jobs.Error(AutoMLErrorKind.Throttling, 400), t));
            retries.Add(e.RetryIn!.Value);
            t += e.RetryIn!.Value;
        }

        Fail();
        Fail();
        Fail();
        Assert.Single(plan.TakeDue(t));
        plan.OnDescribed("a", Jobs.Make("a", "InProgress"), t);
        t += Interval;
        Fail();

        Assert.InRange(retries[0].TotalSeconds, 15, 30);
        Assert.InRange(retries[1].TotalSeconds, 30, 60);
        Assert.InRange(retries[2].TotalSeconds, 60, 120);
        Assert.True(retries[3].TotalSeconds < 30, $"after a success the backoff starts again from the interval, was {retries[3]}");
    }
}
