namespace AutoMLV2.Internal;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Model;

/// <summary>
/// The seam between the cmdlets and the engine. The engine assembly implements it with
/// AWSSDK.Core; nothing here names an AWSSDK type, so the engine can live in a private load context.
/// </summary>
internal interface IAutoMLEngine
{
    /// <summary>
    /// Resolves credentials, region and endpoint the way AWS Tools for PowerShell does and returns a
    /// client for them (cached per resolved settings). Throws <see cref="AutoMLConfigurationException"/>
    /// when no region or no credentials can be found, or a named profile does not exist.
    /// </summary>
    IAutoMLClient Connect(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken);
}

/// <summary>
/// What the user (or the session) said about credentials, region and endpoint; made by
/// <c>ConnectionSettingsBuilder</c>. A record: two invocations that say the same share a client.
/// </summary>
internal sealed record ConnectionSettings
{
    /// <summary>The HTTP timeout of one attempt when $AutoMLV2RequestTimeoutSeconds is not set.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    public string? Region { get; init; }
    public string? ProfileName { get; init; }
    public string? ProfileLocation { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string? SessionToken { get; init; }

    /// <summary>An <c>Amazon.Runtime.AWSCredentials</c> from any AWSSDK.Core; adapted by the engine.</summary>
    public object? Credential { get; init; }

    /// <summary>The value of <c>$StoredAWSCredentials</c>, if set (AWS Tools' <c>AWSPSCredentials</c>, credentials or a profile name).</summary>
    public object? StoredCredentials { get; init; }

    /// <summary>The value of <c>$StoredAWSRegion</c>, if set.</summary>
    public string? StoredRegion { get; init; }

    public string? EndpointUrl { get; init; }

    /// <summary>Per-attempt HTTP timeout; null for <see cref="DefaultRequestTimeout"/>.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Never the keys or the token: a record would print every member.</summary>
    public override string ToString() => $"ConnectionSettings {{ Region = {Region}, ProfileName = {ProfileName}, EndpointUrl = {EndpointUrl} }}";
}

/// <summary>One SageMaker AutoML client, bound to resolved credentials, region and endpoint.</summary>
internal interface IAutoMLClient
{
    Task<AutoMLJobV2> DescribeAutoMLJobV2Async(string autoMLJobName, CancellationToken cancellationToken);

    Task<AutoMLJobListPage> ListAutoMLJobsAsync(AutoMLJobListQuery query, CancellationToken cancellationToken);

    Task<CandidateListPage> ListCandidatesForAutoMLJobAsync(CandidateListQuery query, CancellationToken cancellationToken);
}

/// <summary>The ListAutoMLJobs request members the cmdlets use.</summary>
internal sealed class AutoMLJobListQuery
{
    public string? NameContains { get; set; }
    public string? StatusEquals { get; set; }

    /// <summary>UTC instants in whole milliseconds (see <see cref="TimeFilter"/>); sent as epoch seconds.</summary>
    public DateTime? CreationTimeAfter { get; set; }
    public DateTime? CreationTimeBefore { get; set; }
    public DateTime? LastModifiedTimeAfter { get; set; }
    public DateTime? LastModifiedTimeBefore { get; set; }

    public string? SortBy { get; set; }
    public string? SortOrder { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }

    /// <summary>A copy of this query that asks for the page of <paramref name="nextToken"/> (each request has its own query).</summary>
    public AutoMLJobListQuery WithNextToken(string? nextToken)
    {
        var copy = (AutoMLJobListQuery)MemberwiseClone();
        copy.NextToken = nextToken;
        return copy;
    }
}

/// <summary>One page of ListAutoMLJobs.</summary>
internal sealed class AutoMLJobListPage
{
    public AutoMLJobListPage(AutoMLJobSummary[] summaries, string? nextToken)
    {
        Summaries = summaries;
        NextToken = nextToken;
    }

    public AutoMLJobSummary[] Summaries { get; }

    public string? NextToken { get; }
}

/// <summary>The ListCandidatesForAutoMLJob request members (all of them).</summary>
internal sealed class CandidateListQuery
{
    public CandidateListQuery(string autoMLJobName) => AutoMLJobName = autoMLJobName;

    public string AutoMLJobName { get; }
    public string? StatusEquals { get; set; }
    public string? CandidateNameEquals { get; set; }
    public string? SortBy { get; set; }
    public string? SortOrder { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>One page of ListCandidatesForAutoMLJob.</summary>
internal sealed class CandidateListPage
{
    public CandidateListPage(AutoMLCandidate[] candidates, string? nextToken)
    {
        Candidates = candidates;
        NextToken = nextToken;
    }

    public AutoMLCandidate[] Candidates { get; }

    /// <summary>Null on the last page (an empty token from the service is read as none).</summary>
    public string? NextToken { get; }
}

/// <summary>
/// The invocation's PowerShell host as the engine sees it: messages for the Verbose, Debug and
/// Warning streams, and a prompt. Called from any thread.
/// </summary>
internal interface IEngineLog
{
    void Verbose(string message);

    void Debug(string message);

    void Warning(string message);

    /// <summary>
    /// Asks the user for a secret (an MFA code) through the PowerShell host and blocks until it is
    /// typed. Throws <see cref="InvalidOperationException"/> when the session cannot ask (non-interactive,
    /// tab completion) or the command is stopped.
    /// </summary>
    string PromptForSecret(string prompt);

    /// <summary>
    /// Members of a response that are newer than the module, as "Type.Member"
    /// (Model/NewerMembers.cs): the command says once, at its end, which ones it met.
    /// </summary>
    void NewerMembers(IEnumerable<string> members);
}
