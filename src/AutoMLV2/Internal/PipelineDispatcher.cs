namespace AutoMLV2.Internal;

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Runs work posted from other threads (log lines, results) on the pipeline thread, which is the
/// only thread allowed to write to PowerShell's streams. The pipeline thread calls
/// <see cref="RunUntil"/> while it waits for a task. It is woken by one event, set by a post or
/// by the task's completion (a continuation that runs on the completing thread, not queued to the
/// thread pool, so a busy pool cannot delay it). The event is a slim one: no kernel handle per
/// call for the finalizer to close. Create it on the pipeline thread.
/// </summary>
internal sealed class PipelineDispatcher
{
    private readonly ConcurrentQueue<Action> actions = new();
    private readonly ManualResetEventSlim wake = new(false);
    private readonly int pipelineThreadId = Environment.CurrentManagedThreadId;

    public bool OnPipelineThread => Environment.CurrentManagedThreadId == pipelineThreadId;

    /// <summary>Runs <paramref name="action"/> now when on the pipeline thread, else as soon as it waits.</summary>
    public void Post(Action action)
    {
        if (OnPipelineThread)
        {
            Drain();
            action();
            return;
        }

        actions.Enqueue(action);
        wake.Set();
    }

    /// <summary>Runs posted work until <paramref name="task"/> completes (whatever its outcome).</summary>
    public void RunUntil(Task task)
    {
        if (!task.IsCompleted)
        {
            task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), wake, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        while (true)
        {
            // Reset before looking: a post or the completion that comes after this still sets it.
            wake.Reset();
            Drain();
            if (task.IsCompleted)
            {
                Drain();
                return;
            }

            wake.Wait();
        }
    }

    /// <summary>Runs everything posted so far.</summary>
    public void Drain()
    {
        while (actions.TryDequeue(out var action))
        {
            action();
        }
    }
}
