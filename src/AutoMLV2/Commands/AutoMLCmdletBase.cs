namespace AutoMLV2.Commands;

using System;
using System.Collections.Generic;
using System.Globalization;
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
public abstract class AutoMLCmdletBase : PSCmdlet, IDisposable
{
    /// <summary>-ThrottleLimit's default: requests in flight at once, for every cmdlet.</summary>
    internal const int DefaultThrottleLimit = 16;

    /// <summary>-ThrottleLimit's upper bound.</summary>
    internal const int MostThrottleLimit = 64;

    /// <summary>ListAutoMLJobs page size for wildcard patterns (the API's maximum).</summary>
    private const int JobListPageSize = 100;

    private readonly CancellationTokenSource cancellation = new();
    private readonly ThrottleGate throttle = new();
    private readonly Dictionary<ConnectionSettings, IAutoMLClient> clients = new();
    private ConnectionSettings? settings;
    private PipelineDispatcher? dispatcher;
    private EngineLog? log;

    /// <summary>The region to call, for example us-east-1 (a string, or an AWS Tools AWSRegion object).</summary>
    [Parameter]
    [RegionTransformation]
    [ValidateRegionName]
    public string? Region { get; set; }

    /// <summary>The name of a profile in the shared credentials and config files.</summary>
    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

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

    /// <summary>What the command line and the session say about credentials, region and endpoint.</summary>
    internal ConnectionSettings Settings => settings ??= ConnectionSettingsBuilder.Build(
        name => MyInvocation.BoundParameters.TryGetValue(name, out var value) ? value : null,
        SessionState.PSVariable.GetValue,
        SessionState.Path.GetUnresolvedProviderPathFromPSPath);

    /// <summary>
    /// The client for this invocation's credentials, region and endpoint. Throws a terminating
    /// error when they cannot be resolved: nothing could work for any job.
    /// </summary>
    internal IAutoMLClient GetClient()
    {
        try
        {
            return ClientFor(Settings);
        }
        catch (AutoMLConfigurationException e)
        {
            WriteFailure(ErrorCatalog.Record(e, null));
            throw;
        }
    }

    /// <summary>
    /// The client for <paramref name="connection"/>, resolved once per invocation. Throws
    /// <see cref="AutoMLConfigurationException"/> when it cannot be resolved.
    /// </summary>
    internal IAutoMLClient ClientFor(ConnectionSettings connection)
    {
        if (!clients.TryGetValue(connection, out var client))
        {
            client = EngineLoader.Engine.Connect(connection, Log, CancellationToken);
            clients.Add(connection, client);
        }

        return client;
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
    /// Runs <paramref name="call"/> through the command's <see cref="ThrottleGate"/> (one for every request
    /// of the command): when throttled, every request pauses and this one is sent again, as -Verbose says.
    /// </summary>
    internal Task<T> PacedAsync<T>(Func<Task<T>> call, string what) => throttle.SendAsync(
        call,
        (e, resend, pause) => Log.Verbose($"{what} was throttled ({e.ErrorCode}); every request pauses {pause.TotalSeconds:0.0}s, then it is sent again ({resend} of {RetryPolicy.ThrottledResends})."),
        CancellationToken);

    /// <summary>
    /// What -AutoMLJobName means, for every cmdlet that takes patterns: each literal name (wildcard
    /// characters escaped with a backtick are literal) is checked and handed to <paramref name="onJob"/>;
    /// each pattern lists the jobs (<see cref="ListJobs"/>, with <paramref name="jobStatus"/> and
    /// <paramref name="times"/>) and hands every match to it; a null, empty or invalid name goes to
    /// <paramref name="onInvalid"/> as an InvalidAutoMLJobName error, without any request.
    /// <paramref name="afterEach"/> runs after each name and each listed page.
    /// </summary>
    internal void ExpandJobNames(string?[]? names, string? jobStatus, TimeFilter times, Action<string> onJob, Action<ErrorRecord> onInvalid, Action afterEach)
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
                ListJobs(given, jobStatus, times, onJob, afterEach);
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
                    onJob(name!);
                }
            }

            afterEach();
        }
    }

    /// <summary>
    /// Lists the jobs whose name matches <paramref name="pattern"/> (every job for null), newest first,
    /// page by page, with the longest literal part of the pattern as NameContains,
    /// <paramref name="jobStatus"/> as StatusEquals and the bounds of <paramref name="times"/>, and hands
    /// each match to <paramref name="onMatch"/>;
    /// <paramref name="afterPage"/> runs after each page. The next page is asked for while the matches of
    /// this one are handled. A failed page is an error for the pattern; the command goes on.
    /// </summary>
    internal void ListJobs(string? pattern, string? jobStatus, TimeFilter times, Action<string> onMatch, Action afterPage)
    {
        var client = GetClient();
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
                    onMatch(name);
                }
            }

            afterPage();
            if (result.NextToken is null)
            {
                return;
            }
        }
    }

    /// <summary>Writes an error for one item, or stops the command when the failure is one that no item can escape.</summary>
    internal void WriteFailure(Exception exception, object? target) => WriteFailure(ErrorCatalog.Record(exception, target));

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

    private Task<AutoMLJobListPage> ListPageAsync(IAutoMLClient client, AutoMLJobListQuery query)
        => PacedAsync(() => client.ListAutoMLJobsAsync(query, CancellationToken), "ListAutoMLJobs");

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
