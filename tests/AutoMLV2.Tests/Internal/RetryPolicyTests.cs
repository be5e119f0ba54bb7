namespace AutoMLV2.Tests.Internal;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using Xunit;

public sealed class RetryPolicyTests
{
    private static AutoMLServiceException Throttle() => new(AutoMLErrorKind.Throttling, "Rate exceeded", "ThrottlingException", 400);

    [Fact]
    public async Task AThrottledRequestIsSentAgainFourTimesThenItIsTheThrottledError()
    {
        var now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var gate = new ThrottleGate(() => now += TimeSpan.FromMinutes(1), new Random(1));
        var sends = 0;
        var resends = new List<int>();

        var error = await Assert.ThrowsAsync<AutoMLServiceException>(() => gate.SendAsync<int>(
            () =>
            {
                sends++;
                throw Throttle();
            },
            (_, resend, _) => resends.Add(resend),
            CancellationToken.None));

        Assert.Equal(AutoMLErrorKind.Throttling, error.Kind);
        Assert.Equal(1 + RetryPolicy.ThrottledResends, sends);
        Assert.Equal(new[] { 1, 2, 3, 4 }, resends);
        Assert.Equal(4, RetryPolicy.ThrottledResends);
    }

    [Fact]
    public async Task OnlyThrottlingIsSentAgainOtherFailuresComeOutAtOnce()
    {
        var gate = new ThrottleGate();
        var sends = 0;

        await Assert.ThrowsAsync<AutoMLServiceException>(() => gate.SendAsync<int>(
            () =>
            {
                sends++;
                throw new AutoMLServiceException(AutoMLErrorKind.ServiceError, "boom", "InternalFailure", 500);
            },
            (_, _, _) => throw new InvalidOperationException("no resend expected"),
            CancellationToken.None));

        Assert.Equal(1, sends);
    }

    [Fact]
    public async Task AThrottleThatClearsReturnsTheAnswer()
    {
        var now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var gate = new ThrottleGate(() => now += TimeSpan.FromMinutes(1), new Random(1));
        var sends = 0;

        var answer = await gate.SendAsync(() => ++sends < 3 ? throw Throttle() : Task.FromResult(42), (_, _, _) => { }, CancellationToken.None);

        Assert.Equal(42, answer);
        Assert.Equal(3, sends);
    }

    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(5, 8, 16)]
    [InlineData(6, 10, 20)]
    [InlineData(30, 10, 20)]
    public void ThrottlePausesDoubleFromOneSecondUpToTwenty(int wave, double least, double most)
    {
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(RetryPolicy.ThrottlePause(wave, random).TotalSeconds, least, most);
        }
    }

    [Theory]
    [InlineData("InvalidSignatureException", true)]
    [InlineData("SignatureDoesNotMatch", true)]
    [InlineData("RequestExpired", true)]
    [InlineData("RequestTimeTooSkewed", true)]
    [InlineData("ThrottlingException", false)]
    [InlineData(null, false)]
    public void ClockSkewErrorsAreKnownByTheirCodes(string? code, bool skew) => Assert.Equal(skew, RetryPolicy.IsClockSkewError(code));

    [Theory]
    [InlineData(0, 30, true)]
    [InlineData(0, -30, true)]
    [InlineData(0, 4, false)]
    [InlineData(10, 12, false)]
    public void OneMoreAttemptOnlyWhenTheClockCorrectionMovedMoreThanFourMinutes(int beforeMinutes, int afterMinutes, bool moved)
        => Assert.Equal(moved, RetryPolicy.ClockCorrectionMoved(TimeSpan.FromMinutes(beforeMinutes), TimeSpan.FromMinutes(afterMinutes)));
}
