namespace AutoMLV2.Commands;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// <para type="synopsis">Gets the candidates of Amazon SageMaker AutoML V2 jobs, ranked best first: the leaderboard.</para>
/// <para type="description">Lists each job's candidates with ListCandidatesForAutoMLJob, sorted by the objective
/// metric with the best first (highest for a maximized objective, lowest for a minimized one), and writes
/// them as they arrive with their Rank; candidates without an objective value come last. Each job's
/// candidates come out together, in the order the jobs were given.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AutoMLJobV2Candidate")]
[OutputType(typeof(AutoMLCandidate))]
public sealed class GetAutoMLJobV2CandidateCommand : AutoMLCmdletBase
{
    // The jobs still to write, in order: a leaderboard, or the error that stands in its place. The
    // first ThrottleLimit of them have their next page asked for; the head's following pages only
    // once its page before has been written.
    private readonly Queue<Entry> entries = new();
    private WildcardPattern[]? candidateMatchers;
    private bool writing;

    /// <summary>Names of AutoML jobs, or wildcard patterns.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "JobName")]
    [ArgumentCompleter(typeof(AutoMLJobNameCompleter))]
    [SupportsWildcards]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string?[]? AutoMLJobName { get; set; }

    /// <summary>Only candidates with this status (StatusEquals).</summary>
    [Parameter]
    [ValidateSet(JobStatus.Completed, JobStatus.InProgress, JobStatus.Failed, JobStatus.Stopped, JobStatus.Stopping, IgnoreCase = true)]
    public string? Status { get; set; }

    /// <summary>Only candidates with these names, or names that match these wildcard patterns (matched after ranking).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? CandidateName { get; set; }

    /// <summary>How many requests may be in flight at once, across jobs (1 to 64, default 16).</summary>
    [Parameter]
    [ValidateRange(1, MostThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>-Status as the API spells it (the parameter accepts any case; StatusEquals does not).</summary>
    private string? StatusEquals => Status is null ? null : JobStatus.ApiSpelling(Status);

    protected override int RequestLimit => ThrottleLimit;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        candidateMatchers = CandidateName?.Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
    }

    protected override void ProcessRecord() =>
        ExpandJobNames(AutoMLJobName, CurrentTargets(), null, TimeFilter.None, Add, error => entries.Enqueue(new Entry(error)), WriteReady);

    protected override void EndProcessing()
    {
        while (entries.Count > 0)
        {
            WaitFor(entries.Peek().Pending ?? Task.CompletedTask);
            WriteReady();
        }

        base.EndProcessing();
    }

    private void Add(string name, ConnectionSettings target, LiteralGroup? group)
    {
        var client = ClientFor(target);
        var board = new CandidateLeaderboard(name, StatusEquals, query => SendAsync(client, target, query), Includes, Log);
        WriteVerbose($"ListCandidatesForAutoMLJob for '{name}'{(IsolatesTargets ? $" in {Describe(target)}" : string.Empty)}: SortBy {CandidateLeaderboard.SortBy}, {CandidateLeaderboard.Descending} first, StatusEquals={StatusEquals ?? "(any)"}, MaxResults {CandidateLeaderboard.PageSize}.");
        entries.Enqueue(new Entry(board, target, group));
        AskAhead();

        // Keep the jobs waiting to be written bounded when the head is slow.
        while (entries.Count >= ThrottleLimit * 4)
        {
            WaitFor(entries.Peek().Pending ?? Task.CompletedTask);
            WriteReady();
        }
    }

    private Task<CandidateListPage> SendAsync(IAutoMLClient client, ConnectionSettings target, CandidateListQuery query) => PacedAsync(
        target,
        () =>
        {
            // The pause of a throttle can end just as the command is stopped: send nothing then.
            CancellationToken.ThrowIfCancellationRequested();
            return client.ListCandidatesForAutoMLJobAsync(query, CancellationToken);
        },
        $"ListCandidatesForAutoMLJob for '{query.AutoMLJobName}'{(query.NextToken is null ? string.Empty : " (a next page)")}");

    private bool Includes(AutoMLCandidate candidate)
        => candidateMatchers is null || candidateMatchers.Any(m => m.IsMatch(candidate.CandidateName ?? string.Empty));

    /// <summary>
    /// Asks for the first page of the first ThrottleLimit jobs of each connection in the queue: each
    /// job has one request in flight at most, and the command's request limit (PacedAsync) bounds them
    /// all, so a connection whose requests are paused by throttling does not hold back the others.
    /// </summary>
    private void AskAhead()
    {
        var asked = new Dictionary<ConnectionSettings, int>();
        foreach (var entry in entries)
        {
            if (entry.Board is not { } board)
            {
                continue;
            }

            asked.TryGetValue(entry.Target!, out var window);
            if (window >= ThrottleLimit)
            {
                continue;
            }

            asked[entry.Target!] = window + 1;
            if (!entry.Asked)
            {
                entry.Pending = Ask(board);
                entry.Asked = true;
            }
        }
    }

    /// <summary>
    /// Asks for the board's next page on the thread pool (never on the pipeline thread, where a
    /// synchronous answer and its log lines would run this command's writing from within itself),
    /// and has the pipeline thread write when it is there.
    /// </summary>
    private Task<List<AutoMLCandidate>> Ask(CandidateLeaderboard board)
    {
        var task = Task.Run(board.NextAsync);
        task.ContinueWith(_ => Dispatcher.Post(WriteReady), TaskScheduler.Default);
        return task;
    }

    /// <summary>Writes what is ready at the head of the queue, in order, and asks for the head's next page once its page is written.</summary>
    private void WriteReady()
    {
        if (writing)
        {
            return;
        }

        writing = true;
        try
        {
            WriteHeads();
        }
        finally
        {
            writing = false;
        }
    }

    private void WriteHeads()
    {
        while (entries.Count > 0)
        {
            var head = entries.Peek();
            if (head.Board is not { } board)
            {
                entries.Dequeue();
                WriteFailure(head.Error!);
                continue;
            }

            head.Asked = true;
            var done = head.Pending ??= Ask(board);
            if (!done.IsCompleted)
            {
                return;
            }

            head.Pending = null;
            if (done.IsCanceled || CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (done.IsFaulted)
            {
                entries.Dequeue();
                AskAhead();
                WriteCandidates(board.Abandon());
                var error = done.Exception!.GetBaseException();
                if (WasNotSent(error))
                {
                    // Its connection failed as a whole before: that error is written already.
                    WriteGroupAnswer(head.Written ? null : head.Group?.Failed());
                }
                else if (head.Group is { } group && !head.Written && LiteralGroup.IsNotFound(error))
                {
                    // Not in this connection: an error only when no connection has the job.
                    WriteGroupAnswer(group.NotFound(head.Target!));
                }
                else
                {
                    WriteGroupAnswer(head.Written ? null : head.Group?.Failed());
                    WriteFailure(head.Target!, error, board.JobName);
                }

                continue;
            }

            WriteCandidates(done.Result);
            if (!head.Written)
            {
                head.Written = true;
                WriteGroupAnswer(head.Group?.Found());
            }

            if (board.Finished)
            {
                entries.Dequeue();
                AskAhead();
            }
            else
            {
                head.Pending = Ask(board);
            }
        }
    }

    private void WriteCandidates(List<AutoMLCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            WriteResult(candidate);
        }
    }

    private void WriteGroupAnswer(ErrorRecord? notFound)
    {
        if (notFound is not null)
        {
            WriteError(notFound);
        }
    }

    /// <summary>One job of the queue: its leaderboard and the page asked for, or an error in its place.</summary>
    private sealed class Entry
    {
        public Entry(CandidateLeaderboard board, ConnectionSettings target, LiteralGroup? group)
        {
            Board = board;
            Target = target;
            Group = group;
        }

        public Entry(ErrorRecord error) => Error = error;

        public CandidateLeaderboard? Board { get; }

        public ConnectionSettings? Target { get; }

        /// <summary>The other connections asked for the same literal name, when there are several.</summary>
        public LiteralGroup? Group { get; }

        /// <summary>Whether a page of this job has been written (the connection has the job).</summary>
        public bool Written { get; set; }

        public ErrorRecord? Error { get; }

        /// <summary>The page asked for and not yet written.</summary>
        public Task<List<AutoMLCandidate>>? Pending { get; set; }

        /// <summary>Whether any page has been asked for.</summary>
        public bool Asked { get; set; }
    }
}
