// A PowerShell host for tests that type at a prompt: ReadLine and ReadLineAsSecureString answer
// from a queue, and every prompt written is kept. Loaded with Add-Type by the Pester tests that
// need an interactive host in-process (a child pwsh with redirected input is not interactive).
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace AutoMLV2.TestHosts
{
    public sealed class PromptHost : PSHost
    {
        private readonly PromptHostUserInterface ui;

        public PromptHost(params string[] answers) => ui = new PromptHostUserInterface(answers);

        public override string Name => "AutoMLV2PromptHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        /// <summary>Everything written to the host (prompts, warnings), in order.</summary>
        public List<string> Written => ui.Written;

        /// <summary>How many answers were read.</summary>
        public int Reads => ui.Reads;

        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class PromptHostUserInterface : PSHostUserInterface
    {
        private readonly Queue<string> answers;

        public PromptHostUserInterface(IEnumerable<string> answers) => this.answers = new Queue<string>(answers);

        public List<string> Written { get; } = new List<string>();
        public int Reads { get; private set; }
        public override PSHostRawUserInterface RawUI => null;

        public override string ReadLine()
        {
            lock (Written)
            {
                Reads++;
                return answers.Count > 0 ? answers.Dequeue() : throw new InvalidOperationException("The test host has no answer left.");
            }
        }

        public override SecureString ReadLineAsSecureString()
        {
            var secure = new SecureString();
            foreach (var c in ReadLine()) { secure.AppendChar(c); }
            secure.MakeReadOnly();
            return secure;
        }

        public override void Write(string value) { lock (Written) { Written.Add(value); } }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write("ERROR: " + value + "\n");
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
    }
}
