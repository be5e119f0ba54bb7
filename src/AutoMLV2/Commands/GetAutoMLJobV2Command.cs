namespace AutoMLV2.Commands;

using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// <para type="synopsis">Gets Amazon SageMaker AutoML V2 jobs by name or wildcard.</para>
/// <para type="description">A literal name is described with DescribeAutoMLJobV2. A wildcard pattern, or no name at all,
/// lists jobs with ListAutoMLJobs (newest first) and describes each match. Jobs are described
/// concurrently and written in order as they arrive.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AutoMLJobV2")]
[OutputType(typeof(AutoMLJobV2))]
public sealed class GetAutoMLJobV2Command : AutoMLCmdletBase
{
    private const int ListPageSize = 100;

    private readonly ThrottleGate throttle = new();

    private OrderedResults<Outcome>? results;

    /// <summary>Names of AutoML jobs, or wildcard patterns. Without a name, every job is listed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "JobName")]
    [ArgumentCompleter(typeof(AutoMLJobNameCompleter))]
    [SupportsWildcards]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string?[]? AutoMLJobName { get; set; }

    /// <summary>Only jobs with this status (ListAutoMLJobs StatusEquals for wildcards).</summary>
    [Parameter]
    [ValidateSet(JobStatus.Completed, JobStatus.InProgress, JobStatus.Failed, JobStatus.Stopped, JobStatus.Stopping, IgnoreCase = true)]
    public string? Status { get; set; }

    /// <summary>How many jobs are described at the same time (1 to 64, default 16).</summary>
    [Parameter]
    [ValidateRange(1, MostThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    private OrderedResults<Outcome> Results => results ??= new OrderedResults<Outcome>(ThrottleLimit);

    /// <summary>-Status as the API spells it (the parameter accepts any case; StatusEquals does not).</summary>
    private string? StatusEquals => Status is null ? null : JobStatus.ApiSpelling(Status);

    protected override void ProcessRecord()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(AutoMLJobName)))
        {
            ListAndDescribe(null);
            return;
        }

        if (AutoMLJobName is null || AutoMLJobName.Length == 0)
        {
            WriteError(ErrorCatalog.InvalidAutoMLJobName.Record(new ArgumentException("No AutoML job name was given (the value is null or empty)."), null));
            return;
        }

        foreach (var given in AutoMLJobName)
        {
            if (given is not null && WildcardPattern.ContainsWildcardCharacters(given))
            {
                ListAndDescribe(given);
            }
            else
            {
                DescribeLiteral(given);
            }

            WriteReady();
        }
    }

    /// <summary>A literal name, possibly with escaped wildcard characters (`[): the name is what is left.</summary>
    private void DescribeLiteral(string? given)
    {
        var name = given is null ? null : WildcardPattern.Unescape(given);
        if (Validation.JobNameProblem(name) is string problem)
        {
            Results.AddCompleted(Outcome.Failed(ErrorCatalog.InvalidAutoMLJobName.Record(new ArgumentException(problem), given)));
        }
        else
        {
            Describe(name!);
        }
    }

    protected override void EndProcessing()
    {
        while (Results.Count > 0)
        {
            WaitFor(Results.Head);
            WriteReady();
        }

        base.EndProcessing();
    }

    private void Describe(string name)
    {
        var client = GetClient();
        var token = CancellationToken;
        Results.Add(() => DescribeAsync(client, name), () => Dispatcher.Post(WriteReady), token);

        // Keep the queue of finished-but-unwritten results bounded when the head is slow.
        while (Results.Count >= ThrottleLimit * 4)
        {
            WaitFor(Results.Head);
            WriteReady();
        }
    }

    private async Task<Outcome> DescribeAsync(IAutoMLClient client, string name)
    {
        try
        {
            return Outcome.Succeeded(await PacedAsync(() => client.DescribeAutoMLJobV2Async(name, CancellationToken), $"'{name}'").ConfigureAwait(false));
        }
        catch (Exception e) when (e is AutoMLServiceException or AutoMLConfigurationException)
        {
            return Outcome.Failed(e, name);
        }
    }

    /// <summary>Runs <paramref name="call"/> through the command's <see cref="ThrottleGate"/>.</summary>
    private Task<T> PacedAsync<T>(Func<Task<T>> call, string what) => throttle.SendAsync(
        call,
        (e, resend, pause) => Log.Verbose($"{what} was throttled ({e.ErrorCode}); every request pauses {pause.TotalSeconds:0.0}s, then it is sent again ({resend} of {RetryPolicy.ThrottledResends})."),
        CancellationToken);

    /// <summary>
    /// Lists jobs newest first, page by page, and describes every match as it arrives. The next page
    /// is fetched while the matches of this one are described.
    /// </summary>
    private void ListAndDescribe(string? pattern)
    {
        var client = GetClient();
        var matcher = pattern is null ? null : new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        var query = new AutoMLJobListQuery
        {
            NameContains = pattern is null ? null : WildcardQuery.NameContains(pattern),
            StatusEquals = StatusEquals,
            SortBy = "CreationTime",
            SortOrder = "Descending",
            MaxResults = ListPageSize,
        };
        WriteVerbose($"ListAutoMLJobs {(pattern is null ? "(all jobs)" : $"for '{pattern}'")}: NameContains={query.NameContains ?? "(none)"}, StatusEquals={query.StatusEquals ?? "(any)"}.");

        var page = ListPageAsync(client, query);
        while (true)
        {
            WaitFor(page);
            if (page.IsFaulted)
            {
                WriteFailure(page.Exception!.GetBaseException(), pattern);
                return;
            }

            var result = page.Result;
            if (result.NextToken is not null)
            {
                query.NextToken = result.NextToken;
                page = ListPageAsync(client, query);
            }

            foreach (var summary in result.Summaries)
            {
                if (summary.AutoMLJobName is string name && (matcher is null || matcher.IsMatch(name)))
                {
                    Describe(name);
                }
            }

            WriteReady();
            if (result.NextToken is null)
            {
                return;
            }
        }
    }

    private Task<AutoMLJobListPage> ListPageAsync(IAutoMLClient client, AutoMLJobListQuery query)
        => PacedAsync(() => client.ListAutoMLJobsAsync(query, CancellationToken), "ListAutoMLJobs");

    /// <summary>Writes every finished result at the head of the queue, in order.</summary>
    private void WriteReady()
    {
        while (Results.TryTake(out var done))
        {
            if (done.IsCanceled || CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            var outcome = done.Result;
            if (outcome.Error is not null)
            {
                WriteFailure(outcome.Error);
            }
            else if (Status is null || JobStatus.Is(outcome.Job!.AutoMLJobStatus, Status))
            {
                WriteObject(outcome.Job);
            }
        }
    }

    /// <summary>A described job or the error for one name.</summary>
    private sealed class Outcome
    {
        private Outcome(AutoMLJobV2? job, ErrorRecord? error)
        {
            Job = job;
            Error = error;
        }

        public AutoMLJobV2? Job { get; }

        public ErrorRecord? Error { get; }

        public static Outcome Succeeded(AutoMLJobV2 job) => new(job, null);

        public static Outcome Failed(ErrorRecord error) => new(null, error);

        public static Outcome Failed(Exception exception, string name) => new(null, ErrorCatalog.Record(exception, name));
    }
}
