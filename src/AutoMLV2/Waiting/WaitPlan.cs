namespace AutoMLV2.Waiting;

using System;
using System.Collections.Generic;
using System.Linq;
using AutoMLV2.Formatting;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// The waiter's state machine, free of I/O and of real time: which jobs are due for a poll, what a
/// poll result means (finished, transient error and back off, permanent error), and when the
/// timeout ends the wait. <see cref="JobWaiter"/> drives it with a clock and a client.
/// </summary>
internal sealed class WaitPlan
{
    private readonly Dictionary<string, JobState> jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<JobState> order = new();
    private readonly TimeSpan pollInterval;
    private readonly DateTime? deadline;
    private readonly int maxInFlight;
    private readonly Random random;
    private int inFlight;

    public WaitPlan(IEnumerable<string> names, TimeSpan pollInterval, TimeSpan? timeout, int maxInFlight, DateTime start, Random random)
    {
        if (pollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval));
        }

        this.pollInterval = pollInterval;
        this.maxInFlight = Math.Max(1, maxInFlight);
        this.random = random;
        deadline = timeout is null ? null : start + timeout.Value;
        foreach (var name in names)
        {
            if (!jobs.ContainsKey(name))
            {
                var state = new JobState(name, start);
                jobs.Add(name, state);
                order.Add(state);
            }
        }
    }

    public int Total => order.Count;

    public int Ended => order.Count(j => j.Ended);

    public bool IsDone => order.All(j => j.Ended);

    public DateTime? Deadline => deadline;

    public IEnumerable<JobState> Jobs => order;

    /// <summary>The jobs to poll now (due, not already being polled), within the in-flight bound; marks them in flight.</summary>
    public IReadOnlyList<string> TakeDue(DateTime now)
    {
        var due = new List<string>();
        foreach (var job in order.Where(j => !j.Ended && !j.InFlight && j.NextPoll <= now).OrderBy(j => j.NextPoll))
        {
            if (inFlight >= maxInFlight)
            {
                break;
            }

            job.InFlight = true;
            job.PolledAt = now;
            inFlight++;
            due.Add(job.Name);
        }

        return due;
    }

    /// <summary>When the driver has to act next without a poll finishing: the next due poll or the deadline.</summary>
    public DateTime? NextWake()
    {
        DateTime? next = deadline;
        if (inFlight < maxInFlight)
        {
            foreach (var job in order)
            {
                if (!job.Ended && !job.InFlight && (next is null || job.NextPoll < next))
                {
                    next = job.NextPoll;
                }
            }
        }

        return next;
    }

    public IReadOnlyList<WaitEvent> OnDescribed(string name, AutoMLJobV2 job, DateTime now)
    {
        var state = Release(name);
        var events = new List<WaitEvent>();
        if (state.Ended)
        {
            return events;
        }

        state.Last = job;
        state.TransientFailures = 0;
        var status = StatusText(job);
        if (!string.Equals(status, state.LastStatus, StringComparison.Ordinal))
        {
            events.Add(new WaitEvent(WaitEventKind.Transition, name, job, now, previousStatus: state.LastStatus));
            state.LastStatus = status;
        }

        if (JobStatus.IsTerminal(job.AutoMLJobStatus))
        {
            state.Ended = true;
            events.Add(new WaitEvent(WaitEventKind.Finished, name, job, now));
        }
        else
        {
            // From when the poll was sent, so that the period is the interval, not interval + latency.
            var next = state.PolledAt + pollInterval;
            state.NextPoll = next > now ? next : now;
            events.Add(new WaitEvent(WaitEventKind.Polled, name, job, now));
        }

        return events;
    }

    public IReadOnlyList<WaitEvent> OnFailed(string name, Exception error, DateTime now)
    {
        var state = Release(name);
        if (state.Ended)
        {
            return Array.Empty<WaitEvent>();
        }

        if (!RetryPolicy.IsTransient(error))
        {
            state.Ended = true;
            return new[] { new WaitEvent(WaitEventKind.Failed, name, state.Last, now, error) };
        }

        state.TransientFailures++;
        var retryIn = Backoff(state.TransientFailures);
        state.NextPoll = now + retryIn;
        return new[] { new WaitEvent(WaitEventKind.Retrying, name, state.Last, now, error, retryIn) };
    }

    /// <summary>When the deadline has passed: one TimedOut event per job still running, which ends the wait.</summary>
    public IReadOnlyList<WaitEvent> OnClock(DateTime now)
    {
        if (deadline is null || now < deadline.Value)
        {
            return Array.Empty<WaitEvent>();
        }

        var events = new List<WaitEvent>();
        foreach (var job in order.Where(j => !j.Ended))
        {
            job.Ended = true;
            events.Add(new WaitEvent(WaitEventKind.TimedOut, job.Name, job.Last, now));
        }

        return events;
    }

    /// <summary>Delay before the next poll after <paramref name="failures"/> transient failures in a row (<see cref="RetryPolicy.WaitRetryDelay"/>).</summary>
    internal TimeSpan Backoff(int failures) => RetryPolicy.WaitRetryDelay(failures, pollInterval, random);

    internal static string StatusText(AutoMLJobV2 job) => Display.Status(job.AutoMLJobStatus, job.AutoMLJobSecondaryStatus);

    private JobState Release(string name)
    {
        var state = jobs[name];
        if (state.InFlight)
        {
            state.InFlight = false;
            inFlight--;
        }

        return state;
    }

    internal sealed class JobState
    {
        public JobState(string name, DateTime firstPoll)
        {
            Name = name;
            NextPoll = firstPoll;
        }

        public string Name { get; }

        public DateTime NextPoll { get; set; }

        /// <summary>When the latest poll was sent.</summary>
        public DateTime PolledAt { get; set; }

        public bool InFlight { get; set; }

        public bool Ended { get; set; }

        public int TransientFailures { get; set; }

        public AutoMLJobV2? Last { get; set; }

        public string? LastStatus { get; set; }
    }
}
