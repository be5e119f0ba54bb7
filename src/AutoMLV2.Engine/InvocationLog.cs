namespace AutoMLV2.Engine;

using System;
using System.Threading;
using AutoMLV2.Internal;

/// <summary>
/// The log (and host) of the cmdlet invocation a request belongs to. One client serves every
/// invocation of a session, so per-request callbacks from the SDK (an HTTP attempt, a credentials
/// refresh that needs an MFA code) find their invocation through this <see cref="AsyncLocal{T}"/>.
/// </summary>
internal static class InvocationLog
{
    private static readonly AsyncLocal<IEngineLog?> CurrentLog = new();

    /// <summary>The invocation's log, or null outside a request made for one.</summary>
    public static IEngineLog? Current => CurrentLog.Value;

    public static IDisposable Use(IEngineLog log)
    {
        var previous = CurrentLog.Value;
        CurrentLog.Value = log;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly IEngineLog? previous;

        public Restore(IEngineLog? previous) => this.previous = previous;

        public void Dispose() => CurrentLog.Value = previous;
    }
}
