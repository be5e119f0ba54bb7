namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>An engine whose client answers from memory and records every call.</summary>
internal sealed class FakeEngine : IAutoMLEngine
{
    public FakeClient Client { get; } = new();

    public Exception? ConnectFailure { get; set; }

    public ConcurrentQueue<ConnectionSettings> Connects { get; } = new();

    public IAutoMLClient Connect(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken)
    {
        Connects.Enqueue(settings);
        log.Verbose("Credentials: fake engine (access key ****************MPLE).");
        if (ConnectFailure is not null)
        {
            throw ConnectFailure;
        }

        return Client;
    }
}

internal sealed class FakeClient : IAutoMLClient
{
    private int running;
    private int maxRunning;
    private int cancelled;
    private int cancelledCandidatePages;
    private int runningCandidatePages;
    private int maxRunningCandidatePages;

    public string Region => "us-east-1";

    public string Endpoint => "https://api.sagemaker.us-east-1.amazonaws.com/";

    public ConcurrentDictionary<string, AutoMLJobV2> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>How long describing a job takes (default: no time).</summary>
    public Func<string, TimeSpan> DescribeDelay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>The ListAutoMLJobs pages, in order; NextToken is the index of the next page.</summary>
    public List<AutoMLJobSummary[]> Pages { get; } = new();

    public ConcurrentQueue<string> Described { get; } = new();

    /// <summary>Copies of the list queries as they were when sent (the cmdlet reuses one object).</summary>
    public ConcurrentQueue<AutoMLJobListQuery> Listed { get; } = new();

    public int MaxConcurrentDescribes => Volatile.Read(ref maxRunning);

    /// <summary>Describes that ended because their cancellation token fired.</summary>
    public int CancelledDescribes => Volatile.Read(ref cancelled);

    /// <summary>Thrown by ListAutoMLJobs, if set.</summary>
    public Exception? ListFailure { get; set; }

    /// <summary>How many more describes of a job are answered with a ThrottlingException.</summary>
    public ConcurrentDictionary<string, int> Throttles { get; } = new(StringComparer.Ordinal);

    public FakeClient AddJob(string name, string status = "Completed", double createdEpoch = 1700000000)
    {
        Jobs[name] = new AutoMLJobV2
        {
            AutoMLJobName = name,
            AutoMLJobArn = "arn:aws:sagemaker:us-east-1:123456789012:automl-job/" + name,
            AutoMLJobStatus = status,
            AutoMLJobSecondaryStatus = status,
            AutoMLProblemTypeConfigName = "Tabular",
            CreationTime = WireComparer.LocalTime(createdEpoch),
        };
        return this;
    }

    public async Task<AutoMLJobV2> DescribeAutoMLJobV2Async(string autoMLJobName, CancellationToken cancellationToken)
    {
        Described.Enqueue(autoMLJobName);
        var now = Interlocked.Increment(ref running);
        int seen;
        while ((seen = Volatile.Read(ref maxRunning)) < now && Interlocked.CompareExchange(ref maxRunning, now, seen) != seen)
        {
        }

        try
        {
            var delay = DescribeDelay(autoMLJobName);
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    throw;
                }
            }
            else
            {
                await Task.Yield();
            }

            if (Throttles.TryGetValue(autoMLJobName, out var left) && left > 0 && Throttles.TryUpdate(autoMLJobName, left - 1, left))
            {
                throw new AutoMLServiceException(AutoMLErrorKind.Throttling, "Rate exceeded", "ThrottlingException", 400, "req-throttled");
            }

            return Jobs.TryGetValue(autoMLJobName, out var job)
                ? job
                : throw new AutoMLServiceException(AutoMLErrorKind.NotFound, $"AutoML job '{autoMLJobName}' was not found in us-east-1.", "ResourceNotFound", 400, "req-" + autoMLJobName);
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    public Task<AutoMLJobListPage> ListAutoMLJobsAsync(AutoMLJobListQuery query, CancellationToken cancellationToken)
    {
        Listed.Enqueue(new AutoMLJobListQuery
        {
            NameContains = query.NameContains,
            StatusEquals = query.StatusEquals,
            SortBy = query.SortBy,
            SortOrder = query.SortOrder,
            MaxResults = query.MaxResults,
            NextToken = query.NextToken,
        });
        if (ListFailure is not null)
        {
            return Task.FromException<AutoMLJobListPage>(ListFailure);
        }

        var index = query.NextToken is null ? 0 : int.Parse(query.NextToken, System.Globalization.CultureInfo.InvariantCulture);
        var summaries = index < Pages.Count ? Pages[index] : Array.Empty<AutoMLJobSummary>();
        if (query.StatusEquals is string status)
        {
            summaries = summaries.Where(s => string.Equals(s.AutoMLJobStatus, status, StringComparison.OrdinalIgnoreCase)).ToArray();
        }

        var next = index + 1 < Pages.Count ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new AutoMLJobListPage(summaries, next));
    }

    public static AutoMLJobSummary Summary(string name, string status = "Completed") => new() { AutoMLJobName = name, AutoMLJobStatus = status };

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

    public FakeClient AddCandidates(string job, IEnumerable<AutoMLCandidate> candidates)
    {
        Candidates.GetOrAdd(job, _ => new List<AutoMLCandidate>()).AddRange(candidates);
        return this;
    }

    /// <summary>A candidate with an objective value (null: none, as a failed candidate).</summary>
    public static AutoMLCandidate Candidate(string name, double? value, string type = "Maximize", string status = "Completed", string metric = "validation:f1")
        => new()
        {
            CandidateName = name,
            CandidateStatus = status,
            ObjectiveStatus = value is null ? "Failed" : "Succeeded",
            FinalAutoMLJobObjectiveMetric = value is null ? null : new FinalAutoMLJobObjectiveMetric { MetricName = metric, Type = type, Value = value },
            CandidateSteps = Array.Empty<AutoMLCandidateStep>(),
            CreationTime = WireComparer.LocalTime(1700000000),
        };

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
