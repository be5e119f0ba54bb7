namespace AutoMLV2.Tests.Waiting;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Waiting;

/// <summary>
/// Virtual time for the waiter. Nothing moves time but the test: <see cref="Delay"/> returns a task
/// that completes when time reaches its due time, or is cancelled with its token.
/// <para>Manual (<c>autoAdvance: false</c>): the test calls <see cref="Advance"/>.</para>
/// <para>Auto-advancing (the default): <see cref="Drive{T}"/> runs the waiter and, whenever it is
/// blocked, jumps to the earliest pending delay, so hours of polling run in microseconds. Time only
/// jumps while the waiter sleeps: a delay the waiter cancels because a poll answered first never
/// moves the clock (completing a delay as soon as it is asked for would, and would make a waiter
/// that sleeps until the deadline with a poll in flight time out at once). The delays complete
/// inline on the pump thread, so with a client that answers synchronously the whole run is
/// deterministic.</para>
/// </summary>
internal sealed class FakeWaitClock : IWaitClock
{
    public static readonly DateTime DefaultStart = new(2025, 1, 15, 9, 30, 0, DateTimeKind.Utc);

    private readonly object gate = new();
    private readonly List<Sleeper> sleepers = new();
    private readonly List<TimeSpan> delays = new();
    private DateTime now;

    public FakeWaitClock(bool autoAdvance = true, DateTime? start = null)
    {
        AutoAdvance = autoAdvance;
        Start = start ?? DefaultStart;
        now = Start;
    }

    public bool AutoAdvance { get; }

    public DateTime Start { get; }

    public DateTime UtcNow
    {
        get
        {
            lock (gate)
            {
                return now;
            }
        }
    }

    /// <summary>Virtual time since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => UtcNow - Start;

    /// <summary>Every delay the waiter asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (gate)
            {
                return delays.ToList();
            }
        }
    }

    /// <summary>The delays that have neither elapsed nor been cancelled.</summary>
    public int PendingSleepers
    {
        get
        {
            lock (gate)
            {
                return sleepers.Count;
            }
        }
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        Sleeper sleeper;
        lock (gate)
        {
            delays.Add(delay);
            var due = delay > TimeSpan.Zero ? now + delay : now;
            if (due <= now)
            {
                return Task.CompletedTask;
            }

            // Auto-advancing: continuations run inline on the pump thread (see Drive).
            sleeper = new Sleeper(due, AutoAdvance ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
            sleepers.Add(sleeper);
        }

        sleeper.Registration = cancellationToken.Register(() =>
        {
            lock (gate)
            {
                sleepers.Remove(sleeper);
            }

            sleeper.Completion.TrySetCanceled(cancellationToken);
        });
        return sleeper.Completion.Task;
    }

    /// <summary>
    /// Starts the waiter on a pump thread and, while it runs, moves time to the earliest pending
    /// delay whenever <paramref name="canAdvance"/> allows (default: always; a test whose client
    /// answers asynchronously passes "no describe in progress").
    /// </summary>
    public Task<T> Drive<T>(Func<Task<T>> start, Func<bool>? canAdvance = null, int realTimeoutMs = 15000)
    {
        if (!AutoAdvance)
        {
            throw new InvalidOperationException("Drive needs an auto-advancing clock.");
        }

        return Task.Run(() =>
        {
            var run = start();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!run.IsCompleted)
            {
                if (watch.ElapsedMilliseconds > realTimeoutMs)
                {
                    throw new TimeoutException($"The waiter did not finish within {realTimeoutMs} ms of real time (virtual time {Elapsed}).");
                }

                DateTime? next;
                lock (gate)
                {
                    next = sleepers.Count == 0 ? null : sleepers.Min(s => s.Due);
                }

                if (next is null || !(canAdvance?.Invoke() ?? true))
                {
                    Thread.Sleep(1);
                    continue;
                }

                AdvanceTo(next.Value);
            }

            return run;
        });
    }

    /// <summary>Moves time forward and completes the delays that are now due.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "Time does not go backwards.");
        }

        AdvanceTo(UtcNow + by);
    }

    private void AdvanceTo(DateTime to)
    {
        List<Sleeper> due;
        lock (gate)
        {
            if (to > now)
            {
                now = to;
            }

            due = sleepers.Where(s => s.Due <= now).OrderBy(s => s.Due).ToList();
            foreach (var s in due)
            {
                sleepers.Remove(s);
            }
        }

        foreach (var s in due)
        {
            s.Registration.Dispose();
            s.Completion.TrySetResult(true);
        }
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    private sealed class Sleeper
    {
        public Sleeper(DateTime due, TaskCreationOptions options)
        {
            Due = due;
            Completion = new TaskCompletionSource<bool>(options);
        }

        public DateTime Due { get; }

        public TaskCompletionSource<bool> Completion { get; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
