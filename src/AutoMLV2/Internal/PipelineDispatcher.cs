namespace AutoMLV2.Internal;

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Runs work posted from other threads (log lines, results) on the pipeline thread, which is the
/// only thread allowed to write to PowerShell's streams. The pipeline thread calls
/// <see cref="RunUntil"/> while it waits for a task.
/// </summary>
internal sealed class PipelineDispatcher
{
    private readonly ConcurrentQueue<Action> actions = new();
    private readonly int pipelineThreadId = Environment.CurrentManagedThreadId;
    private TaskCompletionSource<bool> wake = NewWake();

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
        Interlocked.Exchange(ref wake, NewWake()).TrySetResult(true);
    }

    /// <summary>Runs posted work until <paramref name="task"/> completes (whatever its outcome).</summary>
    public void RunUntil(Task task)
    {
        while (true)
        {
            var signal = Volatile.Read(ref wake).Task;
            Drain();
            if (task.IsCompleted)
            {
                Drain();
                return;
            }

            Task.WaitAny(task, signal);
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

    private static TaskCompletionSource<bool> NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
