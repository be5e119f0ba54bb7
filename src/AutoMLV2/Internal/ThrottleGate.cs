namespace AutoMLV2.Internal;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Shared by every request of one command to one connection: when the service throttles, all of
/// them pause (<see cref="RetryPolicy.ThrottlePause"/>) instead of each hammering on with its own
/// retries, and the throttled request is sent again (<see cref="RetryPolicy.ThrottledResends"/>).
/// Throttles from requests sent before the current pause began belong to the same wave and do not
/// lengthen it.
/// </summary>
internal sealed class ThrottleGate
{
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

    /// <summary>
    /// Sends <paramref name="call"/> when no pause is in force; when it comes back throttled, pauses
    /// every request of the gate and sends it again, up to <see cref="RetryPolicy.ThrottledResends"/>
    /// times. <paramref name="onResend"/> hears of each resend (the error, the resend's number, the pause).
    /// </summary>
    public async Task<T> SendAsync<T>(Func<Task<T>> call, Action<AutoMLServiceException, int, TimeSpan> onResend, CancellationToken cancellationToken)
    {
        for (var resends = 0; ; resends++)
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
            var sentAt = utcNow();
            try
            {
                var result = await call().ConfigureAwait(false);
                OnSuccess();
                return result;
            }
            catch (AutoMLServiceException e) when (RetryPolicy.IsThrottled(e) && resends < RetryPolicy.ThrottledResends)
            {
                onResend(e, resends + 1, OnThrottled(sentAt));
            }
        }
    }

    /// <summary>Whether a pause is in force now.</summary>
    public bool IsPaused
    {
        get
        {
            lock (gate)
            {
                return pausedUntil > utcNow();
            }
        }
    }

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
                var until = now + RetryPolicy.ThrottlePause(waves, random);
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
