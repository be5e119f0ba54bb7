namespace AutoMLV2.Model;

using System;

/// <summary>
/// The status names of AutoML jobs and their candidates (SageMaker enums <c>AutoMLJobStatus</c> and
/// <c>CandidateStatus</c>, which list the same five), and which of them are final. Every cmdlet,
/// view and the waiter use these; the service may send a value that is not here, which is kept as
/// it comes.
/// </summary>
internal static class JobStatus
{
    public const string Completed = "Completed";
    public const string InProgress = "InProgress";
    public const string Failed = "Failed";
    public const string Stopped = "Stopped";
    public const string Stopping = "Stopping";

    /// <summary>The statuses the service model defines, as the API spells them.</summary>
    public static readonly string[] Known = { Completed, InProgress, Failed, Stopped, Stopping };

    /// <summary>Final statuses: the job will not change any more. Stopping is not one. Any case.</summary>
    public static bool IsTerminal(string? status)
        => Is(status, Completed) || Is(status, Failed) || Is(status, Stopped);

    /// <summary>Whether <paramref name="status"/> is <paramref name="name"/>, in any case.</summary>
    public static bool Is(string? status, string name) => string.Equals(status, name, StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="status"/> as the API spells it (its filters are case-sensitive); an unknown value as given.</summary>
    public static string ApiSpelling(string status) => Array.Find(Known, s => Is(s, status)) ?? status;
}
