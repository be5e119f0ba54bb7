// Duration: a computed property of the job, the job summary and the candidate (not a SageMaker member: it has no
// setter, so the wire reader and the conformance test leave it alone). A C# property rather than a
// ScriptProperty in AutoMLV2.types.ps1xml: parsing that script at Import-Module cost about 20 ms.
namespace AutoMLV2.Model;

using System;

public partial class AutoMLJobV2
{
    /// <summary>
    /// How long the job ran: EndTime - CreationTime once it has ended, the time so far while it
    /// runs; null without a CreationTime, or for an ended job without an EndTime. Compared in UTC,
    /// so a Local and a Utc DateTime (or a DST change) cannot skew it.
    /// </summary>
    public TimeSpan? Duration => JobDuration.Of(CreationTime, EndTime, AutoMLJobStatus, DateTime.UtcNow);
}

public partial class AutoMLJobSummary
{
    /// <summary>As <see cref="AutoMLJobV2.Duration"/>.</summary>
    public TimeSpan? Duration => JobDuration.Of(CreationTime, EndTime, AutoMLJobStatus, DateTime.UtcNow);
}

public partial class AutoMLCandidate
{
    /// <summary>How long the candidate ran (its steps): as <see cref="AutoMLJobV2.Duration"/>, by CandidateStatus.</summary>
    public TimeSpan? Duration => JobDuration.Of(CreationTime, EndTime, CandidateStatus, DateTime.UtcNow);
}

internal static class JobDuration
{
    internal static TimeSpan? Of(DateTime? creationTime, DateTime? endTime, string? status, DateTime utcNow)
    {
        if (creationTime is not { } created)
        {
            return null;
        }

        var start = created.ToUniversalTime();
        if (endTime is { } ended)
        {
            return ended.ToUniversalTime() - start;
        }

        return JobStatus.IsTerminal(status) ? null : utcNow - start;
    }
}
