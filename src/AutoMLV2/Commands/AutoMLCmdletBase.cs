namespace AutoMLV2.Commands;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;

/// <summary>
/// What every AutoMLV2 cmdlet shares: the AWS Tools for PowerShell credential, region and endpoint
/// parameters; clients resolved once per invocation for each connection it uses (the engine keeps
/// them for the session); cancellation (Ctrl+C cancels every request and delay at once); errors
/// through <see cref="ErrorCatalog"/>; and a dispatcher that brings results and log lines back to
/// the pipeline thread.
/// </summary>
public abstract partial class AutoMLCmdletBase : PSCmdlet, IDisposable
{
    /// <summary>-ThrottleLimit's default: requests in flight at once, for every cmdlet.</summary>
    internal const int DefaultThrottleLimit = 16;

    /// <summary>-ThrottleLimit's upper bound.</summary>
    internal const int MostThrottleLimit = 64;

    /// <summary>ListAutoMLJobs page size for wildcard patterns (the API's maximum).</summary>
    private const int JobListPageSize = 100;

    private readonly CancellationTokenSource cancellation = new();
    private PipelineDispatcher? dispatcher;
    private EngineLog? log;

    /// <summary>
    /// The region to call, for example us-east-1 (a string, or an AWS Tools AWSRegion object); several on
    /// the cmdlets that query every region given. From the pipeline by property name: a job object carries its region.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [RegionTransformation]
    [ValidateRegionName]
    public string[]? Region { get; set; }

    /// <summary>
    /// The name of a profile in the shared credentials and config files; several on the cmdlets that
    /// query every profile given. From the pipeline by property name: a job object carries its profile.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNoBlank]
    public string[]? ProfileName { get; set; }

    /// <summary>The shared credentials file to read profiles from, instead of ~/.aws/credentials.</summary>
    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [ValidateNotNullOrEmpty]
    public string? ProfileLocation { get; set; }

    /// <summary>The AWS access key id; with -SecretKey (and -SessionToken for temporary credentials).</summary>
    [Parameter]
    [Alias("AK")]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    /// <summary>The AWS secret access key; with -AccessKey.</summary>
    [Parameter]
    [Alias("SK", "SecretAccessKey")]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>The session token of temporary credentials; with -AccessKey and -SecretKey.</summary>
    [Parameter]
    [Alias("ST")]
    [ValidateNotNullOrEmpty]
    public string? SessionToken { get; set; }

    /// <summary>An Amazon.Runtime.AWSCredentials object, for example from Get-AWSCredential (AWS Tools).</summary>
    [Parameter]
    [ValidateAwsCredential]
    public object? Credential { get; set; }

    /// <summary>The endpoint to send requests to instead of the SageMaker endpoint of the region.</summary>
    [Parameter]
    [ValidateEndpointUrl]
    public string? EndpointUrl { get; set; }

    /// <summary>Cancelled by Ctrl+C (<see cref="StopProcessing"/>) and when the command is disposed.</summary>
    internal CancellationToken CancellationToken => cancellation.Token;

    /// <summary>Created in <see cref="BeginProcessing"/>, on the pipeline thread.</summary>
    internal PipelineDispatcher Dispatcher => dispatcher ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>Created in <see cref="BeginProcessing"/>; drops Verbose and Debug lines nobody will see.</summary>
    internal IEngineLog Log => log ?? throw new InvalidOperationException("BeginProcessing has not run.");

    public void Dispose()
    {
        CancelRequests();
        cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void BeginProcessing()
    {
        dispatcher = new PipelineDispatcher();
        log = new EngineLog(this, Wants("Verbose", "VerbosePreference"), Wants("Debug", "DebugPreference"));
        RememberCommandLineTargets();
    }

    protected override void StopProcessing() => CancelRequests();

    /// <summary>
    /// Cancels every request and delay of the command: Ctrl+C, and a pipeline stopped downstream
    /// (Select-Object -First), whose PipelineStoppedException reaches the command through WriteObject.
    /// </summary>
    internal void CancelRequests()
    {
        if (!cancellation.IsCancellationRequested)
        {
            cancellation.Cancel();
        }
    }

    /// <summary>
    /// Says once, in one Verbose line, which members newer than the module the responses of this
    /// command had (kept on the objects: Model/NewerMembers.cs). Cmdlets that override this call it last.
    /// </summary>
    protected override void EndProcessing()
    {
        if (log?.NewerMemberLine() is string line)
        {
            WriteVerbose(line);
        }
    }

    /// <summary>
    /// Waits for <paramref name="task"/> on the pipeline thread while writing what other threads
    /// posted. Ctrl+C ends the wait at once.
    /// </summary>
    internal void WaitFor(Task task)
    {
        Dispatcher.RunUntil(task);
        if (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// What -AutoMLJobName means, for every cmdlet that takes patterns, in each connection of
    /// <paramref name="targets"/>: each literal name (wildcard characters escaped with a backtick are
    /// literal) is checked and handed to <paramref name="onJob"/> once per connection, with a
    /// <see cref="LiteralGroup"/> when there are several (only one of them can have the job); each
    /// pattern lists the jobs of every connection (<see cref="ListJobs"/>, with
    /// <paramref name="jobStatus"/> and <paramref name="times"/>) and hands every match to it; a null,
    /// empty or invalid name goes to <paramref name="onInvalid"/> as an InvalidAutoMLJobName error,
    /// without any request. <paramref name="afterEach"/> runs after each name and each listed page.
    /// </summary>
    internal void ExpandJobNames(string?[]? names, IReadOnlyList<ConnectionSettings> targets, string? jobStatus, TimeFilter times, Action<string, ConnectionSettings, LiteralGroup?> onJob, Action<ErrorRecord> onInvalid, Action afterEach)
    {
        if (names is null || names.Length == 0)
        {
            onInvalid(ErrorCatalog.InvalidAutoMLJobName.Record(new ArgumentException("No AutoML job name was given (the value is null or empty)."), null));
            afterEach();
            return;
        }

        foreach (var given in names)
        {
            if (given is not null && WildcardPattern.ContainsWildcardCharacters(given))
            {
                ListJobs(given, targets, jobStatus, times, (name, target) => onJob(name, target, null), afterEach);
            }
            else
            {
                var name = given is null ? null : WildcardPattern.Unescape(given);
                if (Validation.JobNameProblem(name) is string problem)
                {
                    onInvalid(ErrorCatalog.InvalidAutoMLJobName.Record(new ArgumentException(problem), given));
                }
                else
                {
                    var usable = targets.Where(target => TryClientFor(target) is not null).ToList();
                    var group = usable.Count > 1 ? new LiteralGroup(name!, usable.Count) : null;
                    foreach (var target in usable)
                    {
                        onJob(name!, target, group);
                    }
                }
            }

            afterEach();
        }
    }

    /// <summary>
    /// Lists the jobs whose name matches <paramref name="pattern"/> (every job for null) in each
    /// connection, newest first, page by page, with the longest literal part of the pattern as
    /// NameContains, <paramref name="jobStatus"/> as StatusEquals and the bounds of
    /// <paramref name="times"/>, and hands each match to <paramref name="onMatch"/>, connection after
    /// connection in the order given; <paramref name="afterPage"/> runs after each page. Every
    /// connection's listing starts at once, and each asks for its next page while the matches of this
    /// one are handled. A failed listing is an error for the pattern (or, when the command isolates its
    /// connections, for that connection); the command goes on.
    /// </summary>
    internal void ListJobs(string? pattern, IReadOnlyList<ConnectionSettings> targets, string? jobStatus, TimeFilter times, Action<string, ConnectionSettings> onMatch, Action afterPage)
    {
        var matcher = pattern is null ? null : new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        var query = new AutoMLJobListQuery
        {
            NameContains = pattern is null ? null : WildcardQuery.NameContains(pattern),
            StatusEquals = jobStatus,
            SortBy = "CreationTime",
            SortOrder = "Descending",
            MaxResults = JobListPageSize,
        };
        times.ApplyTo(query);
        WriteVerbose($"ListAutoMLJobs {(pattern is null ? "(all jobs)" : $"for '{pattern}'")}: NameContains={query.NameContains ?? "(none)"}, StatusEquals={query.StatusEquals ?? "(any)"}, time filters {times}.");

        var listings = new List<JobListing>();
        foreach (var target in targets)
        {
            if (TryClientFor(target) is IAutoMLClient client)
            {
                listings.Add(new JobListing(target, next => PacedAsync(target, () => client.ListAutoMLJobsAsync(next, CancellationToken), "ListAutoMLJobs"), query));
            }
        }

        foreach (var listing in listings)
        {
            while (listing.Pending is Task<AutoMLJobListPage> page)
            {
                WaitFor(page);
                if (page.IsFaulted)
                {
                    if (!WasNotSent(page.Exception!.GetBaseException()))
                    {
                        WriteFailure(listing.Target, page.Exception!.GetBaseException(), pattern);
                    }

                    break;
                }

                foreach (var summary in listing.Take().Summaries)
                {
                    if (summary.AutoMLJobName is string name && (matcher is null || matcher.IsMatch(name)))
                    {
                        onMatch(name, listing.Target);
                    }
                }

                afterPage();
            }
        }
    }

    /// <summary>One connection's ListAutoMLJobs pages: the first asked for at once, each next one as soon as the one before has come.</summary>
    private sealed class JobListing
    {
        private readonly Func<AutoMLJobListQuery, Task<AutoMLJobListPage>> list;
        private readonly AutoMLJobListQuery query;

        public JobListing(ConnectionSettings target, Func<AutoMLJobListQuery, Task<AutoMLJobListPage>> list, AutoMLJobListQuery query)
        {
            Target = target;
            this.list = list;
            this.query = query;
            Pending = list(query.WithNextToken(null));
        }

        public ConnectionSettings Target { get; }

        /// <summary>The page asked for and not yet taken; null when the listing is complete.</summary>
        public Task<AutoMLJobListPage>? Pending { get; private set; }

        /// <summary>The page that has come (<see cref="Pending"/> completed successfully); asks for the next one.</summary>
        public AutoMLJobListPage Take()
        {
            var page = Pending!.Result;
            Pending = page.NextToken is null ? null : list(query.WithNextToken(page.NextToken));
            return page;
        }
    }

    /// <summary>Writes an error for one item, or stops the command when the failure is one that no item can escape.</summary>
    internal void WriteFailure(Exception exception, object? target) => WriteFailure(ErrorCatalog.For(exception), exception, target);

    /// <summary>Writes <paramref name="exception"/> as the error <paramref name="definition"/>, or stops the command with it when the definition ends the command.</summary>
    internal void WriteFailure(ErrorDefinition definition, Exception exception, object? target)
    {
        var record = definition.Record(exception, target);
        if (definition.EndsCommand)
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>Writes <paramref name="record"/>, or stops the command with it when <see cref="ErrorCatalog"/> says it ends the command.</summary>
    internal void WriteFailure(ErrorRecord record)
    {
        if (record.Exception is not null && ErrorCatalog.EndsCommand(record.Exception))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>The object inside a PSObject wrapper (a value from a variable or a bound parameter).</summary>
    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>
    /// Whether the -Verbose or -Debug stream is shown: the switch when given, else the preference
    /// variable. Lines for a hidden stream are not even posted to the pipeline thread.
    /// </summary>
    private bool Wants(string switchName, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(switchName, out var value) && value is SwitchParameter given)
        {
            return given.IsPresent;
        }

        var text = Unwrap(GetVariableValue(preferenceVariable))?.ToString();
        return text is not null && !string.Equals(text, nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase) && !string.Equals(text, nameof(ActionPreference.Ignore), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads a secret through the PowerShell host, masked. Throws <see cref="InvalidOperationException"/>
    /// when the host cannot ask (a non-interactive session, a host without a UI).
    /// </summary>
    private string ReadSecret(string prompt)
    {
        var ui = Host?.UI ?? throw new InvalidOperationException("PowerShell cannot ask for it here: this host has no user interface.");
        try
        {
            ui.Write(prompt + ": ");
            var secret = ui.ReadLineAsSecureString();
            return secret is null ? string.Empty : new NetworkCredential(string.Empty, secret).Password.Trim();
        }
        catch (Exception e) when (e is PSInvalidOperationException or HostException or NotImplementedException or PSNotImplementedException)
        {
            throw new InvalidOperationException("PowerShell cannot ask for it here: " + e.Message, e);
        }
    }

    /// <summary>Engine log lines, written to Verbose/Debug/Warning on the pipeline thread; prompts asked there too.</summary>
    private sealed class EngineLog : IEngineLog
    {
        internal const string NewerMemberPrefix = "Members newer than this module (update AutoMLV2 to get them typed): ";

        private readonly AutoMLCmdletBase command;
        private readonly bool verbose;
        private readonly bool debug;
        private readonly SortedSet<string> newerMembers = new(StringComparer.Ordinal);

        public EngineLog(AutoMLCmdletBase command, bool verbose, bool debug)
        {
            this.command = command;
            this.verbose = verbose;
            this.debug = debug;
        }

        public void Verbose(string message)
        {
            if (verbose)
            {
                command.Dispatcher.Post(() => command.WriteVerbose(Stamp(message)));
            }
        }

        public void Debug(string message)
        {
            if (debug)
            {
                command.Dispatcher.Post(() => command.WriteDebug(Stamp(message)));
            }
        }

        public void Warning(string message) => command.Dispatcher.Post(() => command.WriteWarning(message));

        public string PromptForSecret(string prompt)
        {
            // Asked on the pipeline thread (the host's thread), while the caller waits; not disposed:
            // a Ctrl+C can end the wait before the prompt has run.
            string? answer = null;
            Exception? failure = null;
            var answered = new ManualResetEventSlim();
            command.Dispatcher.Post(() =>
            {
                try
                {
                    answer = command.ReadSecret(prompt);
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    answered.Set();
                }
            });

            try
            {
                answered.Wait(command.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException("The command was stopped while it asked for " + prompt + ".");
            }

            return failure is null ? answer! : throw failure;
        }

        public void NewerMembers(IEnumerable<string> members)
        {
            lock (newerMembers)
            {
                newerMembers.UnionWith(members);
            }
        }

        /// <summary>"Members newer than this module (…): AutoMLJobV2.NewField, …", sorted; null when there were none.</summary>
        public string? NewerMemberLine()
        {
            lock (newerMembers)
            {
                return newerMembers.Count == 0 ? null : NewerMemberPrefix + string.Join(", ", newerMembers);
            }
        }

        private static string Stamp(string message) => DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + message;
    }
}
