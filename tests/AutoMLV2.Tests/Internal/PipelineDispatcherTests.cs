namespace AutoMLV2.Tests.Internal;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using Xunit;

/// <summary>Work posted from any thread runs on the pipeline thread, while it waits or at once.</summary>
public sealed class PipelineDispatcherTests
{
    [Fact]
    public void ActionsPostedFromOtherThreadsRunOnTheWaitingThreadInOrder()
    {
        var dispatcher = new PipelineDispatcher();
        var pipelineThread = Environment.CurrentManagedThreadId;
        var ran = new List<(int Index, int Thread)>();

        var producer = Task.Run(async () =>
        {
            Assert.NotEqual(pipelineThread, Environment.CurrentManagedThreadId);
            for (var i = 0; i < 50; i++)
            {
                var index = i;
                dispatcher.Post(() => ran.Add((index, Environment.CurrentManagedThreadId)));
                if (i % 10 == 0)
                {
                    await Task.Delay(5).ConfigureAwait(false);
                }
            }
        });

        dispatcher.RunUntil(producer);

        Assert.Equal(Enumerable.Range(0, 50), ran.Select(r => r.Index));
        Assert.All(ran, r => Assert.Equal(pipelineThread, r.Thread));
        Assert.True(dispatcher.OnPipelineThread);
    }

    [Fact]
    public void PostedWorkRunsAsSoonAsItArrivesNotWhenTheTaskEnds()
    {
        var dispatcher = new PipelineDispatcher();
        var ran = new ManualResetEventSlim();
        var finish = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ranBeforeTheTaskEnded = false;

        // The task ends only once the posted action has run (or after 5 s): if RunUntil only woke
        // up when the task ends, the action would run after the 5 s and the flag stay false.
        var producer = new Thread(() =>
        {
            Thread.Sleep(20);
            dispatcher.Post(ran.Set);
            ranBeforeTheTaskEnded = ran.Wait(TimeSpan.FromSeconds(5));
            finish.SetResult(true);
        });
        producer.Start();

        dispatcher.RunUntil(finish.Task);
        producer.Join();

        Assert.True(ranBeforeTheTaskEnded);
    }

    [Fact]
    public void OnThePipelineThreadPostRunsAtOnceAfterWhatWasQueued()
    {
        var dispatcher = new PipelineDispatcher();
        var order = new List<string>();
        var thread = new Thread(() => dispatcher.Post(() => order.Add("queued from elsewhere")));
        thread.Start();
        thread.Join();

        dispatcher.Post(() => order.Add("posted here"));

        Assert.Equal(new[] { "queued from elsewhere", "posted here" }, order);
    }

    [Fact]
    public void RunUntilReturnsForFaultedAndCancelledTasksAndDrainsFirst()
    {
        var dispatcher = new PipelineDispatcher();
        var ran = 0;
        using var cancellation = new CancellationTokenSource();

        var faulted = Task.Run(() =>
        {
            dispatcher.Post(() => ran++);
            throw new InvalidOperationException("boom");
        });
        dispatcher.RunUntil(faulted);
        Assert.True(faulted.IsFaulted);

        var cancelled = Task.Run(
            async () =>
            {
                dispatcher.Post(() => ran++);
                await Task.Delay(Timeout.Infinite, cancellation.Token).ConfigureAwait(false);
            });
        cancellation.CancelAfter(30);
        dispatcher.RunUntil(cancelled);
        Assert.True(cancelled.IsCanceled);

        Assert.Equal(2, ran);
    }

    [Fact]
    public void ManyThreadsPostingAtOnceLoseNothing()
    {
        var dispatcher = new PipelineDispatcher();
        var count = 0;
        var pipelineThread = Environment.CurrentManagedThreadId;
        var wrongThread = 0;

        var producers = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                dispatcher.Post(() =>
                {
                    count++;
                    if (Environment.CurrentManagedThreadId != pipelineThread)
                    {
                        wrongThread++;
                    }
                });
            }
        })));

        dispatcher.RunUntil(producers);

        Assert.Equal(4000, count);
        Assert.Equal(0, wrongThread);
    }
}
