// What Get-AutoMLJobV2Candidate adds to a candidate: the job it belongs to and its place in the job's
// leaderboard. Not SageMaker members: the setters are internal, so the wire reader (System.Text.Json
// uses public setters only) never fills them from a response, and the conformance test, which
// compares the publicly settable members with the service model, leaves them alone.
namespace AutoMLV2.Model;

public partial class AutoMLCandidate
{
    /// <summary>
    /// The AutoML job the candidate belongs to: set by Get-AutoMLJobV2Candidate, and on the
    /// BestCandidate of the jobs Get-AutoMLJobV2 and Wait-AutoMLJobV2 write.
    /// </summary>
    public string? AutoMLJobName { get; internal set; }

    /// <summary>
    /// The candidate's place in its job's leaderboard, best first by the objective metric (1 for the
    /// best; tied values share a rank: 1, 2, 2, 4); null for a candidate without an objective value,
    /// and outside Get-AutoMLJobV2Candidate.
    /// </summary>
    public int? Rank { get; internal set; }

    /// <summary>
    /// The objective the leaderboard was ranked by (the job's first scored candidate's metric), kept on
    /// every candidate of the leaderboard, scored or not, so that the table view names it once per job.
    /// </summary>
    internal FinalAutoMLJobObjectiveMetric? LeaderboardObjective { get; set; }
}
