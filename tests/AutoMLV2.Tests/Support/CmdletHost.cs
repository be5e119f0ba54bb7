namespace AutoMLV2.Tests.Support;

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AutoMLV2.Commands;
using AutoMLV2.Model;

/// <summary>
/// A fresh PowerShell runspace with the module's Get cmdlets (their types, not the built module),
/// for running them over the fake engine (<see cref="AutoMLV2.Internal.EngineLoader.Override"/>).
/// </summary>
internal static class CmdletHost
{
    public static PowerShell Shell(IDictionary<string, object?>? variables = null)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2", typeof(GetAutoMLJobV2Command), null));
        state.Commands.Add(new SessionStateCmdletEntry("Get-AutoMLJobV2Candidate", typeof(GetAutoMLJobV2CandidateCommand), null));
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            state.Variables.Add(new SessionStateVariableEntry(name, value, string.Empty));
        }

        return PowerShell.Create(state);
    }

    /// <summary>Runs a script, collecting its output (with 2>&amp;1 merged, errors in place) and streams.</summary>
    public static HostRun Run(string script, object? argument = null, IDictionary<string, object?>? variables = null)
    {
        using var shell = Shell(variables);
        shell.AddScript(script);
        if (argument is not null)
        {
            shell.AddArgument(argument);
        }

        var output = shell.Invoke();
        var stream = output.Select(o => o.BaseObject).ToList();
        var errors = stream.OfType<ErrorRecord>().Concat(shell.Streams.Error).Distinct().ToList();
        return new HostRun(stream, errors, shell.Streams.Verbose.Select(v => v.Message).ToList());
    }

    /// <summary>Runs one cmdlet directly (not in a script), so that terminating and binding errors surface as exceptions.</summary>
    public static List<object> Invoke(string command, Dictionary<string, object?> parameters)
    {
        using var shell = Shell();
        shell.AddCommand(command);
        foreach (var (name, value) in parameters)
        {
            shell.AddParameter(name, value);
        }

        return shell.Invoke().Select(o => o.BaseObject).ToList();
    }
}

/// <summary>What a script wrote: every object in order (error records in place), the errors, the verbose lines.</summary>
internal sealed record HostRun(List<object> Stream, List<ErrorRecord> Errors, List<string> Verbose)
{
    public List<AutoMLJobV2> Jobs => Stream.OfType<AutoMLJobV2>().ToList();

    public List<AutoMLCandidate> Candidates => Stream.OfType<AutoMLCandidate>().ToList();
}
