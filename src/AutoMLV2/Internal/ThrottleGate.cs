namespace AutoMLV2.Internal;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Shared by every request of one command: when the service throttles, all of them pause (with
/// backoff and jitter) instead of each hammering on with its own retries, and the throttled
/// request is sent again. Throttles from requests sent before the current pause began belong to
/// the same wave and do not lengthen it.
/// </summary>
internal sealed class ThrottleGate
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(20);

    private readonly object gate = new();
    private readonly Func<DateTime> utcNow;
    private readonly Random random;
    private DateTime pausedUntil = DateTime.MinValue;
    private DateTime pauseStarted = DateTime.MinValue;
    private int waves;

    public ThrottleGate(Func<DateTime>? utcNow = null, Random? random = null)
    {
        this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        this.random = random ?? new Random();
    }

    public DateTime UtcNow => utcNow();

    /// <summary>Completes when no pause is in force.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            wait = pausedUntil - utcNow();
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>A request sent at <paramref name="sentAt"/> was throttled; returns how long everything now pauses.</summary>
    public TimeSpan OnThrottled(DateTime sentAt)
    {
        lock (gate)
        {
            var now = utcNow();
            if (sentAt > pauseStarted)
            {
                waves++;
                pauseStarted = now;
                var until = now + Backoff.Delay(waves, FirstPause, LongestPause, random);
                if (until > pausedUntil)
                {
                    pausedUntil = until;
                }
            }

            return pausedUntil > now ? pausedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>A request went through: the next throttle starts again from the shortest pause.</summary>
    public void OnSuccess()
    {
        lock (gate)
        {
            waves = 0;
        }
    }
}
