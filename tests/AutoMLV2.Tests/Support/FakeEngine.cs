namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Concurrent;
using System.Threading;
using AutoMLV2.Internal;

/// <summary>
/// An engine that records every Connect and hands out one <see cref="FakeAutoMLClient"/>, or one per
/// region and profile (<see cref="For"/>), as the real engine has one client per connection.
/// </summary>
internal sealed class FakeEngine : IAutoMLEngine
{
    private readonly ConcurrentDictionary<(string? Region, string? Profile), FakeAutoMLClient> clients = new();

    public FakeAutoMLClient Client { get; } = new();

    public Exception? ConnectFailure { get; set; }

    /// <summary>Connect failures of one region and profile (region null: any region of that profile; profile null: the default credentials).</summary>
    public ConcurrentDictionary<(string? Region, string? Profile), Exception> ConnectFailures { get; } = new();

    public ConcurrentQueue<ConnectionSettings> Connects { get; } = new();

    /// <summary>The client of one region and profile (made on first use); without any, every Connect gets <see cref="Client"/>.</summary>
    public FakeAutoMLClient For(string? region, string? profile = null) => clients.GetOrAdd((region, profile), _ => new FakeAutoMLClient());

    public IAutoMLClient Connect(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken)
    {
        Connects.Enqueue(settings);
        log.Verbose("Credentials: fake engine (access key ****************MPLE).");
        if (ConnectFailure is not null)
        {
            throw ConnectFailure;
        }

        if (ConnectFailures.TryGetValue((settings.Region, settings.ProfileName), out var failure) || ConnectFailures.TryGetValue((null, settings.ProfileName), out failure))
        {
            throw failure;
        }

        var client = clients.IsEmpty ? Client : clients.TryGetValue((settings.Region, settings.ProfileName), out var own) ? own : new FakeAutoMLClient();
        client.Log = log;
        return client;
    }
}
