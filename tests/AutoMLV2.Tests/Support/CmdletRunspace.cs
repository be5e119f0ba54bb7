namespace AutoMLV2.Tests.Support;

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AutoMLV2.Commands;
using AutoMLV2.Model;

/// <summary>
/// The module's cmdlets in a fresh, real PowerShell runspace of the test process (with
/// <see cref="AutoMLV2.Internal.EngineLoader.Override"/> set by the test, they talk to a fake engine).
/// </summary>
internal static class CmdletRunspace
{
    public static InitialSessionState State(IDictionary<string, object?>? variables = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2", typeof(GetAutoMLJobV2Command), null));
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2Candidate", typeof(GetAutoMLJobV2CandidateCommand), null));
        state.Commands.Add(new SessionStateCmdletEntry("Wait-AutoMLJobV2", typeof(WaitAutoMLJobV2Command), null));
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            state.Variables.Add(new SessionStateVariableEntry(name, value, string.Empty));
        }

        return state;
    }

    /// <summary>Runs a script, collecting its output (with 2>&amp;1, errors in their place among the objects) and streams.</summary>
    public static RunResult Run(string script, object? argument = null, IDictionary<string, object?>? variables = null)
    {
        using var shell = PowerShell.Create(State(variables));
        shell.AddScript(script);
        if (argument is not null)
        {
            shell.AddArgument(argument);
        }

        var output = shell.Invoke();
        var stream = output.Select(o => o.BaseObject).ToList();
        var errors = stream.OfType<ErrorRecord>().Concat(shell.Streams.Error).Distinct().ToList();
        return new RunResult(stream, errors, shell.Streams.Verbose.Select(v => v.Message).ToList(), shell.Streams.Warning.Select(w => w.Message).ToList());
    }

    /// <summary>Runs a cmdlet directly (not in a script), so terminating and binding errors surface as exceptions.</summary>
    public static List<object> Invoke(string command, Dictionary<string, object?> parameters)
    {
        using var shell = PowerShell.Create(State());
        shell.AddCommand(command);
        foreach (var (name, value) in parameters)
        {
            shell.AddParameter(name, value);
        }

        return shell.Invoke().Select(o => o.BaseObject).ToList();
    }

    /// <summary>An output item as a test compares it: a job's or a candidate's name, or "ERROR" and an error's target name.</summary>
    public static string Describe(object item) => item switch
    {
        AutoMLJobV2 job => job.AutoMLJobName!,
        AutoMLCandidate candidate => candidate.CandidateName!,
        ErrorRecord { TargetObject: AutoMLJobV2 job } => "ERROR " + job.AutoMLJobName,
        ErrorRecord error => "ERROR " + error.TargetObject,
        _ => item.GetType().Name,
    };
}

internal sealed record RunResult(List<object> Stream, List<ErrorRecord> Errors, List<string> Verbose, List<string> Warnings)
{
    public List<AutoMLJobV2> Jobs => Stream.OfType<AutoMLJobV2>().ToList();

    public List<AutoMLCandidate> Candidates => Stream.OfType<AutoMLCandidate>().ToList();
}
