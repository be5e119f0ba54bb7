namespace AutoMLV2.Tests.Waiting;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Waiting;

/// <summary>One DescribeAutoMLJobV2 call as a script sees it.</summary>
internal sealed record DescribeCall(string Name, int Index, TimeSpan Elapsed);

/// <summary>
/// A fake SageMaker whose DescribeAutoMLJobV2 answers come from per-job scripts: a timeline of
/// statuses over virtual time, or any function of the call (its 1-based index for the job and the
/// virtual time). It counts calls per job, records when they happened, and measures how many were
/// in flight at once. Without <see cref="Latency"/> every call completes synchronously.
/// </summary>
internal sealed class ScriptedAutoMLClient : IAutoMLClient
{
    /// <summary>Describes of one job after which a script is considered runaway (the call then fails permanently).</summary>
    public const int RunawayLimit = 10_000;

    private readonly IWaitClock clock;
    private readonly DateTime start;
    private readonly ConcurrentDictionary<string, Func<DescribeCall, AutoMLJobV2>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<TimeSpan>> calls = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private int concurrent;
    private int maxConcurrent;
    private int cancelledCalls;

    public ScriptedAutoMLClient(IWaitClock clock)
    {
        this.clock = clock;
        start = clock.UtcNow;
    }

    public string Region => "us-east-1";

    public string Endpoint => "https://api.sagemaker.us-east-1.amazonaws.com";

    /// <summary>Runs inside each call, before the answer (real or virtual latency, a gate, a hang).</summary>
    public Func<DescribeCall, CancellationToken, Task>? Latency { get; set; }

    public int MaxConcurrent => Volatile.Read(ref maxConcurrent);

    public int Concurrent => Volatile.Read(ref concurrent);

    /// <summary>Calls that ended because their token was cancelled.</summary>
    public int CancelledCalls => Volatile.Read(ref cancelledCalls);

    public int TotalDescribes
    {
        get
        {
            lock (gate)
            {
                return calls.Values.Sum(c => c.Count);
            }
        }
    }

    /// <summary>The job's status at virtual times (seconds since the clock's start); the last step not after now applies.</summary>
    public ScriptedAutoMLClient Job(string name, params (double AtSeconds, string Status, string? Secondary)[] timeline)
    {
        var steps = timeline.OrderBy(s => s.AtSeconds).ToArray();
        return Job(name, call =>
        {
            var step = steps.Last(s => s.AtSeconds <= call.Elapsed.TotalSeconds);
            return Jobs.Make(call.Name, step.Status, step.Secondary);
        });
    }

    /// <summary>A job that is always in the given state.</summary>
    public ScriptedAutoMLClient Always(string name, string status, string? secondary = null) => Job(name, (0, status, secondary));

    public ScriptedAutoMLClient Job(string name, Func<DescribeCall, AutoMLJobV2> script)
    {
        scripts[name] = script;
        return this;
    }

    public int Describes(string name)
    {
        lock (gate)
        {
            return calls.TryGetValue(name, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Virtual times (since the start) of the job's describes.</summary>
    public IReadOnlyList<TimeSpan> CallTimes(string name)
    {
        lock (gate)
        {
            return calls.TryGetValue(name, out var list) ? list.ToList() : new List<TimeSpan>();
        }
    }

    public async Task<AutoMLJobV2> DescribeAutoMLJobV2Async(string autoMLJobName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = clock.UtcNow - start;
        int index;
        lock (gate)
        {
            var list = calls.GetOrAdd(autoMLJobName, _ => new List<TimeSpan>());
            list.Add(elapsed);
            index = list.Count;
        }

        var now = Interlocked.Increment(ref concurrent);
        int seen;
        while (now > (seen = Volatile.Read(ref maxConcurrent)) && Interlocked.CompareExchange(ref maxConcurrent, now, seen) != seen)
        {
        }

        var call = new DescribeCall(autoMLJobName, index, elapsed);
        try
        {
            if (Latency is not null)
            {
                await Latency(call, cancellationToken).ConfigureAwait(false);
            }

            if (index > RunawayLimit)
            {
                throw new InvalidOperationException($"Runaway wait: {autoMLJobName} was described {index} times.");
            }

            if (!scripts.TryGetValue(autoMLJobName, out var script))
            {
                throw new AutoMLServiceException(AutoMLErrorKind.NotFound, $"Could not find AutoML job '{autoMLJobName}'.", "ResourceNotFound", 400);
            }

            return script(call);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref cancelledCalls);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref concurrent);
        }
    }

    public Task<AutoMLJobListPage> ListAutoMLJobsAsync(AutoMLJobListQuery query, CancellationToken cancellationToken)
        => throw new NotSupportedException("The waiter never lists jobs.");

    public Task<CandidateListPage> ListCandidatesForAutoMLJobAsync(CandidateListQuery query, CancellationToken cancellationToken)
        => throw new NotSupportedException("The waiter never lists candidates.");
}

/// <summary>Builders for job objects and service errors.</summary>
internal static class Jobs
{
    public static AutoMLJobV2 Make(string name, string? status, string? secondary = null, DateTime? creationTime = null, int? maxRuntimeSeconds = null)
        => new()
        {
            AutoMLJobName = name,
            AutoMLJobArn = "arn:aws:sagemaker:us-east-1:123456789012:automl-job/" + name,
            AutoMLJobStatus = status,
            AutoMLJobSecondaryStatus = secondary,
            CreationTime = creationTime,
            ResolvedAttributes = maxRuntimeSeconds is null ? null : new AutoMLResolvedAttributes
            {
                CompletionCriteria = new AutoMLJobCompletionCriteria { MaxAutoMLJobRuntimeInSeconds = maxRuntimeSeconds },
            },
        };

    public static AutoMLServiceException Error(AutoMLErrorKind kind, int? statusCode = null, string? code = null)
        => kind == AutoMLErrorKind.InvalidResponse
            ? new AutoMLResponseParseException("The response is not valid JSON.", statusCode)
            : new AutoMLServiceException(kind, $"{kind} ({statusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status"})", code ?? kind.ToString(), statusCode);

    /// <summary>
    /// Runs the waiter to the end and returns every event it reported, in order. On an
    /// auto-advancing <see cref="FakeWaitClock"/> time jumps whenever the waiter sleeps and
    /// <paramref name="canAdvance"/> allows.
    /// </summary>
    public static async Task<List<WaitEvent>> RunAsync(WaitPlan plan, IAutoMLClient client, IWaitClock clock, CancellationToken cancellationToken = default, Func<bool>? canAdvance = null)
    {
        var events = new List<WaitEvent>();
        void Report(WaitEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }
        }

        async Task<bool> Start()
        {
            await JobWaiter.RunAsync(plan, client, clock, Report, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var run = clock is FakeWaitClock { AutoAdvance: true } fake ? fake.Drive(Start, canAdvance) : Start();
        await run.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        return events;
    }

    public static WaitPlan Plan(FakeWaitClock clock, IEnumerable<string> names, double intervalSeconds = 30, double? timeoutSeconds = null, int throttleLimit = 8, int seed = 1)
        => new(names, TimeSpan.FromSeconds(intervalSeconds), timeoutSeconds is null ? null : TimeSpan.FromSeconds(timeoutSeconds.Value), throttleLimit, clock.UtcNow, new Random(seed));
}
