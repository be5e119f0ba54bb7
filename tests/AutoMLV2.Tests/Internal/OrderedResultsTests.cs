namespace AutoMLV2.Tests.Internal;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using Xunit;

/// <summary>Bounded concurrency, results in the order they were added, as soon as the oldest is done.</summary>
public sealed class OrderedResultsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ResultsComeOutInInsertionOrderEvenWhenLaterOnesFinishFirst()
    {
        var results = new OrderedResults<int>(8);
        var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        for (var i = 0; i < gates.Length; i++)
        {
            var gate = gates[i];
            results.Add(() => gate.Task, () => { }, CancellationToken.None);
        }

        var taken = new List<int>();
        for (var i = gates.Length - 1; i >= 1; i--)
        {
            gates[i].SetResult(i);
        }

        WaitUntil(() => gates.Skip(1).All(g => g.Task.IsCompleted));
        Assert.False(results.TryTake(out _)); // the head (item 0) is still running
        Assert.Equal(5, results.Count);

        gates[0].SetResult(0);
        while (results.Count > 0)
        {
            taken.Add(await Take(results));
        }

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, taken);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task AtMostTheGivenNumberRunAtOnce(int concurrency)
    {
        var results = new OrderedResults<int>(concurrency);
        var running = 0;
        var maxRunning = 0;
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        const int items = 20;
        for (var i = 0; i < items; i++)
        {
            var index = i;
            results.Add(
                async () =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref maxRunning, now);
                    await release.Task.ConfigureAwait(false);
                    await Task.Yield();
                    Interlocked.Decrement(ref running);
                    return index;
                },
                () => { },
                CancellationToken.None);
        }

        WaitUntil(() => Volatile.Read(ref running) == concurrency);
        Thread.Sleep(100);
        Assert.Equal(concurrency, Volatile.Read(ref running)); // no more start while the slots are held

        release.SetResult(true);
        var order = new List<int>();
        while (results.Count > 0)
        {
            order.Add(await Take(results));
        }

        Assert.Equal(concurrency, maxRunning);
        Assert.Equal(Enumerable.Range(0, items), order);
    }

    [Fact]
    public void OnDoneRunsForEveryItemWhateverItsOutcome()
    {
        var results = new OrderedResults<int>(2);
        var done = new CountdownEvent(3);
        results.Add(() => Task.FromResult(1), () => done.Signal(), CancellationToken.None);
        results.Add(() => Task.FromException<int>(new InvalidOperationException("boom")), () => done.Signal(), CancellationToken.None);
        results.Add(async () => { await Task.Delay(20).ConfigureAwait(false); return 3; }, () => done.Signal(), CancellationToken.None);

        Assert.True(done.Wait(Patience));
    }

    [Fact]
    public async Task AFailedItemKeepsItsPlaceAndFreesItsSlot()
    {
        var results = new OrderedResults<string>(1);
        results.Add(() => Task.FromException<string>(new InvalidOperationException("boom")), () => { }, CancellationToken.None);
        results.Add(() => Task.FromResult("after"), () => { }, CancellationToken.None);

        var first = await Assert.ThrowsAsync<InvalidOperationException>(() => Take(results));
        var second = await Take(results);

        Assert.Equal("boom", first.Message);
        Assert.Equal("after", second);
    }

    [Fact]
    public async Task CancellationCancelsTheItemsStillWaitingForASlotWithoutRunningThem()
    {
        var results = new OrderedResults<int>(1);
        using var cancellation = new CancellationTokenSource();
        var blocker = new TaskCompletionSource<int>();
        var ranLater = 0;
        results.Add(() => blocker.Task, () => { }, cancellation.Token);
        results.Add(() => { Interlocked.Increment(ref ranLater); return Task.FromResult(2); }, () => { }, cancellation.Token);
        results.Add(() => { Interlocked.Increment(ref ranLater); return Task.FromResult(3); }, () => { }, cancellation.Token);

        // The running request ends at the moment Ctrl+C is pressed: token callbacks run newest
        // first, so this one frees the slot before the queued items' waits see the cancellation.
        cancellation.Token.Register(() => blocker.SetResult(1));
        cancellation.Cancel();

        Assert.Equal(1, await Take(results));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Take(results));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Take(results));
        Assert.Equal(0, ranLater);
    }

    [Fact]
    public async Task ItemsQueuedAfterCancellationNeverRun()
    {
        var results = new OrderedResults<int>(2);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var ran = 0;

        results.Add(() => { Interlocked.Increment(ref ran); return Task.FromResult(1); }, () => { }, cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Take(results));
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task CompletedItemsKeepTheirPlaceAmongRunningOnes()
    {
        var results = new OrderedResults<string>(2);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        results.Add(() => gate.Task, () => { }, CancellationToken.None);
        results.AddCompleted("invalid name");
        results.Add(() => Task.FromResult("third"), () => { }, CancellationToken.None);

        Assert.False(results.TryTake(out _));
        gate.SetResult("first");

        Assert.Equal(new[] { "first", "invalid name", "third" }, new[] { await Take(results), await Take(results), await Take(results) });
        Assert.True(results.Head.IsCompleted); // empty
        Assert.False(results.TryTake(out _));
    }

    /// <summary>Waits for the head, takes it, and returns its outcome (or throws its exception).</summary>
    private static async Task<T> Take<T>(OrderedResults<T> results)
    {
        var head = results.Head;
        await Task.WhenAny(head, Task.Delay(Patience));
        Assert.True(head.IsCompleted, "the head did not finish");
        Assert.True(results.TryTake(out var done));
        return await done;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    internal static void WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "timed out waiting");
            Thread.Sleep(2);
        }
    }
}
