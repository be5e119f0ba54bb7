namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Concurrent;
using System.Threading;
using AutoMLV2.Internal;

/// <summary>An engine that records every Connect and hands out one <see cref="FakeAutoMLClient"/>.</summary>
internal sealed class FakeEngine : IAutoMLEngine
{
    public FakeAutoMLClient Client { get; } = new();

    public Exception? ConnectFailure { get; set; }

    public ConcurrentQueue<ConnectionSettings> Connects { get; } = new();

    public IAutoMLClient Connect(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken)
    {
        Connects.Enqueue(settings);
        Client.Log = log;
        log.Verbose("Credentials: fake engine (access key ****************MPLE).");
        if (ConnectFailure is not null)
        {
            throw ConnectFailure;
        }

        return Client;
    }
}
