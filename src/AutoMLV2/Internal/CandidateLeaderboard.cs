namespace AutoMLV2.Internal;

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AutoMLV2.Formatting;
using AutoMLV2.Model;

/// <summary>
/// One job's leaderboard, read page by page with ListCandidatesForAutoMLJob sorted by
/// FinalObjectiveMetricValue, best first, and ranked as it streams:
/// <list type="bullet">
/// <item><b>Direction.</b> The service sorts by value, not by "best": the objective's Type says which end is
/// best. The first page is asked for Descending (most objectives are maximized). When the first scored
/// candidate says Minimize, that page is set aside and the listing starts again Ascending, unless the
/// page is the last one: then it holds the whole leaderboard, and is read backwards instead of asked for
/// again. Nothing has been handed out before the direction is known (unscored candidates are held).</item>
/// <item><b>Rank.</b> Scored candidates (an objective value that is a number) are handed out in the
/// service's order with standard competition ranking: tied values share a rank, the next rank skips
/// (1, 2, 2, 4).</item>
/// <item><b>Unscored</b> candidates (failed ones, usually) are held wherever they come, and handed out
/// after the last page with no rank.</item>
/// <item><b>Pages.</b> <see cref="NextAsync"/> asks for one page at a time (or more, while pages bring
/// nothing to hand out), so whoever calls it decides when the next request is made: nothing is asked
/// for after the caller stops.</item>
/// </list>
/// Every candidate handed out carries the job name, its rank and the objective the leaderboard was
/// ranked by. <paramref name="include"/> filters what is handed out after ranking, so that a rank stays
/// the candidate's place in the job's whole leaderboard.
/// </summary>
internal sealed class CandidateLeaderboard
{
    /// <summary>The API's largest page: a leaderboard of up to 300 candidates is one request.</summary>
    public const int PageSize = 300;

    public const string SortBy = "FinalObjectiveMetricValue";
    public const string Descending = "Descending";
    public const string Ascending = "Ascending";

    private readonly string? statusEquals;
    private readonly Func<CandidateListQuery, Task<CandidateListPage>> send;
    private readonly Func<AutoMLCandidate, bool> include;
    private readonly IEngineLog log;
    private string sortOrder = Descending;
    private string? nextToken;
    private FinalAutoMLJobObjectiveMetric? objective;
    private Ranking ranking = new();

    /// <param name="jobName">The job (a valid name).</param>
    /// <param name="statusEquals">Only candidates with this status (as the API spells it), or null.</param>
    /// <param name="send">Sends one request; the same query object again when throttled.</param>
    /// <param name="include">Which ranked candidates to hand out.</param>
    /// <param name="log">Where the change of direction is told (Verbose).</param>
    public CandidateLeaderboard(string jobName, string? statusEquals, Func<CandidateListQuery, Task<CandidateListPage>> send, Func<AutoMLCandidate, bool> include, IEngineLog log)
    {
        JobName = jobName;
        this.statusEquals = statusEquals;
        this.send = send;
        this.include = include;
        this.log = log;
    }

    public string JobName { get; }

    /// <summary>True once the last page has been handed out (with the unscored candidates).</summary>
    public bool Finished { get; private set; }

    /// <summary>The requests made so far.</summary>
    public int Requests { get; private set; }

    /// <summary>
    /// Asks for the next page (more when a page has nothing to hand out) and returns what can be
    /// handed out now, ranked; after the last page, the held unscored candidates too, and
    /// <see cref="Finished"/> is true.
    /// </summary>
    public async Task<List<AutoMLCandidate>> NextAsync()
    {
        if (Finished)
        {
            throw new InvalidOperationException($"The leaderboard of '{JobName}' has been read to the end.");
        }

        var ready = new List<AutoMLCandidate>();
        while (ready.Count == 0 && !Finished)
        {
            var query = new CandidateListQuery(JobName)
            {
                StatusEquals = statusEquals,
                SortBy = SortBy,
                SortOrder = sortOrder,
                MaxResults = PageSize,
                NextToken = nextToken,
            };
            Requests++;
            var page = await send(query).ConfigureAwait(false);
            IReadOnlyList<AutoMLCandidate> candidates = page.Candidates;
            if (objective is null && FirstScored(candidates) is { } first)
            {
                objective = first.FinalAutoMLJobObjectiveMetric;
                if (sortOrder == Descending && IsMinimized(objective))
                {
                    if (page.NextToken is not null)
                    {
                        log.Verbose($"'{JobName}': the objective {Describe(objective)} is minimized, so the leaderboard is listed again lowest first (SortOrder {Ascending}); the {Descending} page is set aside.");
                        sortOrder = Ascending;
                        nextToken = null;
                        ranking = new Ranking();
                        continue;
                    }

                    log.Verbose($"'{JobName}': the objective {Describe(objective)} is minimized; the one page holds the whole leaderboard, so it is ranked lowest first without asking again.");
                    var reversed = new List<AutoMLCandidate>(candidates);
                    reversed.Reverse();
                    candidates = reversed;
                }
            }

            foreach (var candidate in candidates)
            {
                if (ranking.Add(candidate) is int rank)
                {
                    Emit(candidate, rank, ready);
                }
            }

            nextToken = page.NextToken;
            if (nextToken is null)
            {
                Finish(ready);
            }
        }

        return ready;
    }

    /// <summary>
    /// The unscored candidates held so far, to hand out when the listing cannot go on (a page failed):
    /// what was read is not lost. The leaderboard is finished afterwards.
    /// </summary>
    public List<AutoMLCandidate> Abandon()
    {
        var held = new List<AutoMLCandidate>();
        Finish(held);
        return held;
    }

    /// <summary>The objective value a candidate is ranked by; null when it has none (or it is not a number).</summary>
    internal static double? Score(AutoMLCandidate candidate)
        => candidate.FinalAutoMLJobObjectiveMetric?.Value is double value && !double.IsNaN(value) ? value : null;

    internal static bool IsMinimized(FinalAutoMLJobObjectiveMetric? metric)
        => string.Equals(metric?.Type, "Minimize", StringComparison.OrdinalIgnoreCase);

    private static AutoMLCandidate? FirstScored(IReadOnlyList<AutoMLCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Score(candidate) is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Describe(FinalAutoMLJobObjectiveMetric? metric)
        => $"{Display.MetricName(metric?.MetricName, metric?.StandardMetricName)} ({metric?.Type})";

    /// <summary>Hands out the held unscored candidates, with no rank, into <paramref name="into"/>: the leaderboard is finished.</summary>
    private void Finish(List<AutoMLCandidate> into)
    {
        foreach (var candidate in ranking.TakeUnscored())
        {
            Emit(candidate, null, into);
        }

        Finished = true;
    }

    private void Emit(AutoMLCandidate candidate, int? rank, List<AutoMLCandidate> into)
    {
        candidate.AutoMLJobName = JobName;
        candidate.Rank = rank;
        candidate.LeaderboardObjective = objective;
        if (include(candidate))
        {
            into.Add(candidate);
        }
    }

    /// <summary>Standard competition ranking over the scored candidates in the order they come.</summary>
    private sealed class Ranking
    {
        private readonly List<AutoMLCandidate> unscored = new();
        private int scored;
        private double previousValue;
        private int previousRank;

        /// <summary>The rank of <paramref name="candidate"/>, or null when it is held as unscored.</summary>
        public int? Add(AutoMLCandidate candidate)
        {
            if (Score(candidate) is not double value)
            {
                unscored.Add(candidate);
                return null;
            }

            scored++;
            var rank = scored > 1 && value.Equals(previousValue) ? previousRank : scored;
            previousValue = value;
            previousRank = rank;
            return rank;
        }

        public List<AutoMLCandidate> TakeUnscored()
        {
            var taken = new List<AutoMLCandidate>(unscored);
            unscored.Clear();
            return taken;
        }
    }
}
