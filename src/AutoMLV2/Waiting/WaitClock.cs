namespace AutoMLV2.Waiting;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>The waiter's notion of time, so that tests can run hours of polling in milliseconds.</summary>
internal interface IWaitClock
{
    DateTime UtcNow { get; }

    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

internal sealed class SystemWaitClock : IWaitClock
{
    public static readonly SystemWaitClock Instance = new();

    public DateTime UtcNow => DateTime.UtcNow;

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        => delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
}
