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
        Client.Log = log;
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

    public string Region => "us-east-1";

    public string Endpoint => "https://api.sagemaker.us-east-1.amazonaws.com/";

    public ConcurrentDictionary<string, AutoMLJobV2> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>The members newer than the module each job's response had ("Type.Member"), reported to the log as the engine does.</summary>
    public ConcurrentDictionary<string, string[]> NewerMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>The log of the last Connect.</summary>
    public IEngineLog? Log { get; set; }

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

            if (NewerMembers.TryGetValue(autoMLJobName, out var newer))
            {
                Log?.NewerMembers(newer);
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
}
