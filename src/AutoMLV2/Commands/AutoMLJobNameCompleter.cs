namespace AutoMLV2.Commands;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Formatting;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// Tab completion of AutoML job names: one ListAutoMLJobs call with the typed prefix as
/// NameContains, using the credential, region and endpoint parameters already on the command line
/// (and the session's $StoredAWSCredentials/$StoredAWSRegion). Silent and quick when it cannot list.
/// </summary>
public sealed class AutoMLJobNameCompleter : IArgumentCompleter
{
    private const int TimeoutMilliseconds = 3000;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(wordToComplete ?? string.Empty, fakeBoundParameters);
        }
        catch (Exception)
        {
            // Completion must never print errors; no suggestions is the answer when listing fails.
            return Array.Empty<CompletionResult>();
        }
    }

    private static IEnumerable<CompletionResult> Complete(string word, IDictionary bound)
    {
        var quote = word.Length > 0 && (word[0] == '\'' || word[0] == '"') ? word[0].ToString() : string.Empty;
        var prefix = word.Trim('\'', '"');
        var nameContains = WildcardQuery.NameContains(prefix + "*");
        var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);

        var targets = ConnectionSettingsBuilder.Build(
            name => bound.Contains(name) ? bound[name] : null,
            SessionVariable,
            SessionPath).Select(target => target with { RequestTimeout = TimeSpan.FromMilliseconds(TimeoutMilliseconds) }).ToList();

        // Every region and profile on the command line at once; what does not answer in time is left out.
        using var timeout = new CancellationTokenSource(TimeoutMilliseconds);
        var query = new AutoMLJobListQuery { NameContains = nameContains, SortBy = "Name", SortOrder = "Ascending", MaxResults = 100 };
        var lists = targets.Select(target => Task.Run(() => EngineLoader.Engine.Connect(target, SilentLog.Instance, timeout.Token).ListAutoMLJobsAsync(query, timeout.Token), timeout.Token)).ToArray();
        try
        {
            Task.WaitAll(lists, TimeoutMilliseconds);
        }
        catch (AggregateException)
        {
            // Some connections failed: the others still complete.
        }

        var several = targets.Count > 1;
        return lists
            .Select((list, i) => (list, target: targets[i]))
            .Where(x => x.list.Status == TaskStatus.RanToCompletion)
            .SelectMany(x => x.list.Result.Summaries.Select(summary => (summary, x.target)))
            .Where(x => x.summary.AutoMLJobName is not null && pattern.IsMatch(x.summary.AutoMLJobName))
            .GroupBy(x => x.summary.AutoMLJobName!, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new CompletionResult(quote + g.Key + quote, g.Key, CompletionResultType.ParameterValue, string.Join("\n", g.Select(x => ToolTip(x.summary, several ? x.target : null)))))
            .ToList();
    }

    private static string ToolTip(AutoMLJobSummary summary, ConnectionSettings? target)
        => $"{summary.AutoMLJobName}{(target is null ? string.Empty : " in " + AutoMLCmdletBase.Describe(target))}: {Display.Status(summary.AutoMLJobStatus, summary.AutoMLJobSecondaryStatus)}, created {Display.Timestamp(summary.CreationTime)}";

    /// <summary>
    /// Reads a session variable from inside completion, where the runspace is busy running the
    /// completion pipeline: a nested PowerShell on the current runspace is the one way in.
    /// </summary>
    private static object? SessionVariable(string name)
    {
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", ActionPreference.Ignore);
        var values = shell.Invoke();
        return values.Count == 0 ? null : AutoMLCmdletBase.Unwrap(values[0]);
    }

    /// <summary>A path relative to the current PowerShell location, as the cmdlets resolve it.</summary>
    private static string SessionPath(string path)
    {
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddScript("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").AddArgument(path);
        var values = shell.Invoke();
        return values.Count == 0 ? path : values[0].ToString();
    }

    private sealed class SilentLog : IEngineLog
    {
        public static readonly SilentLog Instance = new();

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public string PromptForSecret(string prompt) => throw new InvalidOperationException("Tab completion never asks for " + prompt + ".");

        public void NewerMembers(IEnumerable<string> members)
        {
        }
    }
}
