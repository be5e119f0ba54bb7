namespace AutoMLV2.Internal;

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Runs work posted from other threads (log lines, results) on the pipeline thread, which is the
/// only thread allowed to write to PowerShell's streams. The pipeline thread calls
/// <see cref="RunUntil"/> while it waits for a task. Waking goes through wait handles, not
/// thread-pool continuations, so a busy thread pool cannot delay it. Create it on the pipeline thread.
/// </summary>
internal sealed class PipelineDispatcher
{
    private readonly ConcurrentQueue<Action> actions = new();
    private readonly AutoResetEvent posted = new(false);
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
        posted.Set();
    }

    /// <summary>Runs posted work until <paramref name="task"/> completes (whatever its outcome).</summary>
    public void RunUntil(Task task)
    {
        var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, posted };
        while (true)
        {
            Drain();
            if (task.IsCompleted)
            {
                Drain();
                return;
            }

            WaitHandle.WaitAny(handles);
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
