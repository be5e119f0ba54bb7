namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Waiting;

/// <summary>One DescribeAutoMLJobV2 call as a script sees it: the job, the call's 1-based index for that job, the clock's time since the client was made.</summary>
internal sealed record DescribeCall(string Name, int Index, TimeSpan Elapsed);

/// <summary>
/// The fake SageMaker of every offline test that needs a client (Get-AutoMLJobV2 and
/// Wait-AutoMLJobV2 in a runspace, the waiter over virtual time). DescribeAutoMLJobV2 answers from
/// per-job scripts (a fixed job, one status per call, a timeline over the clock's time, or any
/// function of the call; a job without a script is not found); ListAutoMLJobs from
/// <see cref="Pages"/>; ListCandidatesForAutoMLJob from <see cref="Candidates"/>. It records every call, measures how many describes were in flight at once
/// and how many ended by cancellation. Without <see cref="Latency"/> every describe completes
/// synchronously.
/// </summary>
internal sealed class FakeAutoMLClient : IAutoMLClient
{
    /// <summary>Describes of one job after which a script is considered runaway (the call then fails permanently).</summary>
    public const int RunawayLimit = 10_000;

    /// <summary>The service's AutoMLJobStatus values, which ListAutoMLJobs' StatusEquals must be spelled as.</summary>
    private static readonly string[] ServiceStatuses = { "Completed", "InProgress", "Failed", "Stopped", "Stopping" };

    private readonly IWaitClock clock;
    private readonly DateTime start;
    private readonly ConcurrentDictionary<string, Func<DescribeCall, AutoMLJobV2>> scripts = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private readonly List<string> described = new();
    private readonly Dictionary<string, List<TimeSpan>> callTimes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AutoMLJobListQuery> listed = new();
    private int concurrent;
    private int maxConcurrent;
    private int cancelled;
    private int cancelledCandidatePages;
    private int runningCandidatePages;
    private int maxRunningCandidatePages;

    /// <param name="clock">The time scripts see (default: the real clock).</param>
    public FakeAutoMLClient(IWaitClock? clock = null)
    {
        this.clock = clock ?? SystemWaitClock.Instance;
        start = this.clock.UtcNow;
    }

    /// <summary>Runs inside each describe, before the answer (real or virtual latency, a gate, a hang).</summary>
    public Func<DescribeCall, CancellationToken, Task>? Latency { get; set; }

    /// <summary>The ListAutoMLJobs pages, in order; NextToken is the index of the next page.</summary>
    public List<AutoMLJobSummary[]> Pages { get; } = new();

    /// <summary>Thrown by ListAutoMLJobs, if set.</summary>
    public Exception? ListFailure { get; set; }

    /// <summary>How many more describes of a job are answered with a ThrottlingException.</summary>
    public ConcurrentDictionary<string, int> Throttles { get; } = new(StringComparer.Ordinal);

    /// <summary>The members newer than the module each job's response had ("Type.Member"), reported to the log as the engine does.</summary>
    public ConcurrentDictionary<string, string[]> NewerMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>The log of the last Connect (FakeEngine sets it).</summary>
    public IEngineLog? Log { get; set; }

    public int ConcurrentDescribes => Volatile.Read(ref concurrent);

    public int MaxConcurrentDescribes => Volatile.Read(ref maxConcurrent);

    /// <summary>Describes that ended because their cancellation token fired.</summary>
    public int CancelledDescribes => Volatile.Read(ref cancelled);

    /// <summary>The names described, in the order the describes were sent.</summary>
    public IReadOnlyList<string> Described
    {
        get
        {
            lock (gate)
            {
                return described.ToList();
            }
        }
    }

    public int TotalDescribes
    {
        get
        {
            lock (gate)
            {
                return described.Count;
            }
        }
    }

    /// <summary>Copies of the list queries as they were when sent (the cmdlet reuses one object).</summary>
    public IReadOnlyList<AutoMLJobListQuery> Listed => listed.ToList();

    public int Describes(string name)
    {
        lock (gate)
        {
            return callTimes.TryGetValue(name, out var list) ? list.Count : 0;
        }
    }

    /// <summary>The clock's times (since the client was made) of the job's describes.</summary>
    public IReadOnlyList<TimeSpan> CallTimes(string name)
    {
        lock (gate)
        {
            return callTimes.TryGetValue(name, out var list) ? list.ToList() : new List<TimeSpan>();
        }
    }

    public FakeAutoMLClient Job(string name, Func<DescribeCall, AutoMLJobV2> script)
    {
        scripts[name] = script;
        return this;
    }

    /// <summary>The job's status at the clock's times (seconds since the client was made); the last step not after now applies.</summary>
    public FakeAutoMLClient Job(string name, params (double AtSeconds, string Status, string? Secondary)[] timeline)
    {
        var steps = timeline.OrderBy(s => s.AtSeconds).ToArray();
        return Job(name, call =>
        {
            var step = steps.Last(s => s.AtSeconds <= call.Elapsed.TotalSeconds);
            return Jobs.Make(call.Name, step.Status, step.Secondary);
        });
    }

    /// <summary>A job that is always in the given state.</summary>
    public FakeAutoMLClient Always(string name, string status, string? secondary = null) => Job(name, (0, status, secondary));

    /// <summary>A job whose n-th describe answers the n-th status (the last one from then on).</summary>
    public FakeAutoMLClient Statuses(string name, params string[] statuses)
        => Job(name, call => Jobs.Make(call.Name, statuses[Math.Min(call.Index, statuses.Length) - 1], "Poll" + call.Index));

    /// <summary>A finished job as Get-AutoMLJobV2 shows it: a Tabular job created at <paramref name="createdEpoch"/>, last modified then or at <paramref name="lastModifiedEpoch"/>.</summary>
    public FakeAutoMLClient AddJob(string name, string status = "Completed", double createdEpoch = 1700000000, double? lastModifiedEpoch = null)
    {
        var job = Jobs.Make(name, status, status, WireComparer.LocalTime(createdEpoch));
        job.AutoMLProblemTypeConfigName = "Tabular";
        job.LastModifiedTime = WireComparer.LocalTime(lastModifiedEpoch ?? createdEpoch);
        return Job(name, _ => job);
    }

    /// <summary>
    /// Holds every describe until <paramref name="count"/> are in flight at once, then keeps them in
    /// flight a moment longer, so that a describe beyond the bound would start while they are held.
    /// When fewer than <paramref name="count"/> can ever be in flight, holding ends after
    /// <paramref name="patience"/> (default 2 s) and <see cref="MaxConcurrentDescribes"/> shows how many were.
    /// </summary>
    public FakeAutoMLClient HoldUntilInFlight(int count, TimeSpan? patience = null)
    {
        var allIn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Latency = async (_, cancellationToken) =>
        {
            if (ConcurrentDescribes >= count)
            {
                allIn.TrySetResult(true);
            }

            await Task.WhenAny(allIn.Task, Task.Delay(patience ?? TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
            allIn.TrySetResult(true);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        };
        return this;
    }

    public async Task<AutoMLJobV2> DescribeAutoMLJobV2Async(string autoMLJobName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = clock.UtcNow - start;
        int index;
        lock (gate)
        {
            described.Add(autoMLJobName);
            if (!callTimes.TryGetValue(autoMLJobName, out var list))
            {
                callTimes[autoMLJobName] = list = new List<TimeSpan>();
            }

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

            if (Throttles.TryGetValue(autoMLJobName, out var left) && left > 0 && Throttles.TryUpdate(autoMLJobName, left - 1, left))
            {
                throw new AutoMLServiceException(AutoMLErrorKind.Throttling, "Rate exceeded", "ThrottlingException", 400, "req-throttled");
            }

            if (NewerMembers.TryGetValue(autoMLJobName, out var newer))
            {
                Log?.NewerMembers(newer);
            }

            return scripts.TryGetValue(autoMLJobName, out var script)
                ? script(call)
                : throw new AutoMLServiceException(AutoMLErrorKind.NotFound, $"AutoML job '{autoMLJobName}' was not found in us-east-1.", "ResourceNotFound", 400, "req-" + autoMLJobName);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref cancelled);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref concurrent);
        }
    }

    public Task<AutoMLJobListPage> ListAutoMLJobsAsync(AutoMLJobListQuery query, CancellationToken cancellationToken)
    {
        listed.Enqueue(new AutoMLJobListQuery
        {
            NameContains = query.NameContains,
            StatusEquals = query.StatusEquals,
            SortBy = query.SortBy,
            SortOrder = query.SortOrder,
            MaxResults = query.MaxResults,
            NextToken = query.NextToken,
            CreationTimeAfter = query.CreationTimeAfter,
            CreationTimeBefore = query.CreationTimeBefore,
            LastModifiedTimeAfter = query.LastModifiedTimeAfter,
            LastModifiedTimeBefore = query.LastModifiedTimeBefore,
        });
        if (ListFailure is not null)
        {
            return Task.FromException<AutoMLJobListPage>(ListFailure);
        }

        // Like the service: StatusEquals is an enum, spelled exactly.
        if (query.StatusEquals is string status && Array.IndexOf(ServiceStatuses, status) < 0)
        {
            return Task.FromException<AutoMLJobListPage>(new AutoMLServiceException(
                AutoMLErrorKind.InvalidArgument,
                $"1 validation error detected: Value '{status}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", ServiceStatuses)}]",
                "ValidationException",
                400,
                "req-list"));
        }

        var index = query.NextToken is null ? 0 : int.Parse(query.NextToken, System.Globalization.CultureInfo.InvariantCulture);
        var summaries = index < Pages.Count ? Pages[index] : Array.Empty<AutoMLJobSummary>();
        if (query.StatusEquals is string equals)
        {
            summaries = summaries.Where(s => string.Equals(s.AutoMLJobStatus, equals, StringComparison.Ordinal)).ToArray();
        }

        var next = index + 1 < Pages.Count ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new AutoMLJobListPage(summaries, next));
    }

    // ---- ListCandidatesForAutoMLJob ----------------------------------------------------------------

    /// <summary>Each job's candidates, in the order added; a job without an entry is ResourceNotFound.</summary>
    public ConcurrentDictionary<string, List<AutoMLCandidate>> Candidates { get; } = new(StringComparer.Ordinal);

    /// <summary>Copies of the candidate queries as they were sent, throttled and cancelled ones included.</summary>
    public ConcurrentQueue<CandidateListQuery> CandidateQueries { get; } = new();

    /// <summary>Sorted by FinalObjectiveMetricValue, candidates without a value come last (as the test-control layer does), or first.</summary>
    public bool UnscoredFirst { get; set; }

    /// <summary>How long a candidate page takes (default: no time).</summary>
    public Func<CandidateListQuery, TimeSpan> CandidateDelay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>How many more times the page (job, NextToken or "" for the first) is answered with a ThrottlingException.</summary>
    public ConcurrentDictionary<(string Job, string Token), int> CandidateThrottles { get; } = new();

    /// <summary>The error a candidate page is answered with, if any (after its delay).</summary>
    public Func<CandidateListQuery, Exception?> CandidateFailure { get; set; } = _ => null;

    /// <summary>The most candidate pages in flight at once.</summary>
    public int MaxConcurrentCandidatePages => Volatile.Read(ref maxRunningCandidatePages);

    /// <summary>Candidate pages that ended because their cancellation token fired.</summary>
    public int CancelledCandidatePages => Volatile.Read(ref cancelledCandidatePages);

    public FakeAutoMLClient AddCandidates(string job, IEnumerable<AutoMLCandidate> candidates)
    {
        Candidates.GetOrAdd(job, _ => new List<AutoMLCandidate>()).AddRange(candidates);
        return this;
    }

    /// <summary>
    /// Pages of at most MaxResults (default 10) in the query's sort order; NextToken is "order:offset",
    /// and a token used with another sort order is a ValidationException, as a real token is tied to its query.
    /// </summary>
    public async Task<CandidateListPage> ListCandidatesForAutoMLJobAsync(CandidateListQuery query, CancellationToken cancellationToken)
    {
        CandidateQueries.Enqueue(new CandidateListQuery(query.AutoMLJobName)
        {
            StatusEquals = query.StatusEquals,
            CandidateNameEquals = query.CandidateNameEquals,
            SortBy = query.SortBy,
            SortOrder = query.SortOrder,
            MaxResults = query.MaxResults,
            NextToken = query.NextToken,
        });

        var now = Interlocked.Increment(ref runningCandidatePages);
        int seen;
        while ((seen = Volatile.Read(ref maxRunningCandidatePages)) < now && Interlocked.CompareExchange(ref maxRunningCandidatePages, now, seen) != seen)
        {
        }

        try
        {
            var delay = CandidateDelay(query);
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelledCandidatePages);
                    throw;
                }
            }
            else
            {
                await Task.Yield();
            }
        }
        finally
        {
            Interlocked.Decrement(ref runningCandidatePages);
        }

        if (CandidateFailure(query) is { } failure)
        {
            throw failure;
        }

        var key = (query.AutoMLJobName, query.NextToken ?? string.Empty);
        if (CandidateThrottles.TryGetValue(key, out var left) && left > 0 && CandidateThrottles.TryUpdate(key, left - 1, left))
        {
            throw new AutoMLServiceException(AutoMLErrorKind.Throttling, "Rate exceeded", "ThrottlingException", 400, "req-throttled");
        }

        if (NewerMembers.TryGetValue(query.AutoMLJobName, out var newer))
        {
            Log?.NewerMembers(newer);
        }

        if (!Candidates.TryGetValue(query.AutoMLJobName, out var all))
        {
            throw new AutoMLServiceException(AutoMLErrorKind.NotFound, $"AutoML job '{query.AutoMLJobName}' was not found in us-east-1.", "ResourceNotFound", 400, "req-" + query.AutoMLJobName);
        }

        var order = query.SortOrder ?? "Ascending";
        var offset = 0;
        if (query.NextToken is string token)
        {
            var parts = token.Split(':');
            if (parts.Length != 2 || parts[0] != order)
            {
                throw new AutoMLServiceException(AutoMLErrorKind.InvalidArgument, $"The NextToken '{token}' does not belong to this query.", "ValidationException", 400, "req-token");
            }

            offset = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        IEnumerable<AutoMLCandidate> selected = all.Where(c => query.StatusEquals is null || string.Equals(c.CandidateStatus, query.StatusEquals, StringComparison.Ordinal));
        if (query.SortBy == "FinalObjectiveMetricValue")
        {
            var scored = selected.Where(c => c.FinalAutoMLJobObjectiveMetric?.Value is not null).ToList();
            var unscored = selected.Where(c => c.FinalAutoMLJobObjectiveMetric?.Value is null).ToList();
            scored = (order == "Descending" ? scored.OrderByDescending(c => c.FinalAutoMLJobObjectiveMetric!.Value) : scored.OrderBy(c => c.FinalAutoMLJobObjectiveMetric!.Value)).ToList();
            selected = UnscoredFirst ? unscored.Concat(scored) : scored.Concat(unscored);
        }

        var sorted = selected.ToList();
        var size = query.MaxResults ?? 10;
        var page = sorted.Skip(offset).Take(size).ToArray();
        var next = offset + size < sorted.Count ? order + ":" + (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new CandidateListPage(page, next);
    }
}
