namespace AutoMLV2.Internal;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Runs work items with at most <c>concurrency</c> in flight and hands their results back in the
/// order the items were added, as soon as the oldest one is done (ordered streaming).
/// Used from the pipeline thread only; the work itself runs on the thread pool.
/// </summary>
internal sealed class OrderedResults<T>
{
    private readonly Queue<Task<T>> queue = new();
    private readonly SemaphoreSlim slots;

    public OrderedResults(int concurrency)
    {
        slots = new SemaphoreSlim(concurrency, concurrency);
    }

    public int Count => queue.Count;

    /// <summary>The oldest item still to be taken.</summary>
    public Task Head => queue.Count == 0 ? Task.CompletedTask : queue.Peek();

    /// <summary>Queues <paramref name="work"/>; it starts when a slot is free. <paramref name="onDone"/> runs when it ends.</summary>
    public void Add(Func<Task<T>> work, Action onDone, CancellationToken cancellationToken)
    {
        var task = RunAsync(work, cancellationToken);
        task.ContinueWith(_ => onDone(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        queue.Enqueue(task);
    }

    public void AddCompleted(T value) => queue.Enqueue(Task.FromResult(value));

    /// <summary>Takes the oldest item if it is done.</summary>
    public bool TryTake(out Task<T> done)
    {
        if (queue.Count > 0 && queue.Peek().IsCompleted)
        {
            done = queue.Dequeue();
            return true;
        }

        done = null!;
        return false;
    }

    private async Task<T> RunAsync(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A slot can free up just as the command is cancelled: do not start new work then.
            cancellationToken.ThrowIfCancellationRequested();
            return await work().ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
