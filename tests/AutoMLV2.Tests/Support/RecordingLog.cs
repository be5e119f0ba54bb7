namespace AutoMLV2.Tests.Support;

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AutoMLV2.Internal;

/// <summary>An <see cref="IEngineLog"/> that keeps every line, for asserting on -Verbose text.</summary>
internal sealed class RecordingLog : IEngineLog
{
    private readonly ConcurrentQueue<(string Level, string Message)> lines = new();

    public IReadOnlyList<string> VerboseLines => lines.Where(l => l.Level == "verbose").Select(l => l.Message).ToList();

    public IReadOnlyList<string> Warnings => lines.Where(l => l.Level == "warning").Select(l => l.Message).ToList();

    public string All => string.Join("\n", lines.Select(l => l.Level + ": " + l.Message));

    public void Verbose(string message) => lines.Enqueue(("verbose", message));

    public void Debug(string message) => lines.Enqueue(("debug", message));

    public void Warning(string message) => lines.Enqueue(("warning", message));

    /// <summary>What the user types at a prompt; null: the session cannot ask.</summary>
    public string? SecretAnswer { get; set; }

    public List<string> Prompts { get; } = new();

    public string PromptForSecret(string prompt)
    {
        lock (Prompts)
        {
            Prompts.Add(prompt);
        }

        return SecretAnswer ?? throw new System.InvalidOperationException("PowerShell cannot ask for it here: the session is non-interactive.");
    }

    public void NewerMembers(IEnumerable<string> members) => lines.Enqueue(("newer", string.Join(", ", members)));
}
