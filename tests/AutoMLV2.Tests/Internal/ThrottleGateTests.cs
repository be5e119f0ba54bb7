namespace AutoMLV2.Tests.Internal;

using System;
using System.Threading;
using AutoMLV2.Internal;
using Xunit;

public sealed class ThrottleGateTests
{
    private static readonly DateTime T0 = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    private DateTime now = T0;

    [Fact]
    public void ThrottlesOfOneWaveShareOnePause()
    {
        var gate = new ThrottleGate(() => now, new Random(7));

        // Eight requests sent before the first throttle all come back throttled.
        var first = gate.OnThrottled(T0);
        Assert.InRange(first.TotalSeconds, 0.5, 1.0);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(first, gate.OnThrottled(T0));
        }

        Assert.False(gate.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void EachNewWaveDoublesThePauseUpToTwentySeconds()
    {
        var gate = new ThrottleGate(() => now, new Random(7));
        var bounds = new[] { 1d, 2, 4, 8, 16, 20, 20 };
        foreach (var bound in bounds)
        {
            var pause = gate.OnThrottled(now);
            Assert.InRange(pause.TotalSeconds, bound / 2, bound);
            now += pause;
            Assert.True(gate.WaitAsync(CancellationToken.None).IsCompleted);
        }
    }

    [Fact]
    public void ASuccessStartsAgainFromTheShortestPause()
    {
        var gate = new ThrottleGate(() => now, new Random(7));
        now += gate.OnThrottled(now);
        now += gate.OnThrottled(now);
        gate.OnSuccess();
        Assert.InRange(gate.OnThrottled(now).TotalSeconds, 0.5, 1.0);
    }

    [Fact]
    public void IsPausedOnlyWhileAPauseIsInForce()
    {
        var gate = new ThrottleGate(() => now, new Random(7));
        Assert.False(gate.IsPaused);
        var pause = gate.OnThrottled(now);
        Assert.True(gate.IsPaused);
        now += pause - TimeSpan.FromMilliseconds(1);
        Assert.True(gate.IsPaused);
        now += TimeSpan.FromMilliseconds(1);
        Assert.False(gate.IsPaused);
    }
}
