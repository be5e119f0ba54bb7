namespace AutoMLV2.Engine;

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Util;
using AutoMLV2.Engine.Client;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;

/// <summary>
/// The engine's entry point, created by the cmdlets' loader. One client per resolved connection
/// (<see cref="ResolvedConnection.Key"/>) is kept for the session, so that repeated cmdlet calls
/// reuse the SDK's HTTP connections and cached credentials.
/// </summary>
internal sealed class AutoMLEngine : IAutoMLEngine
{
    private const int MaxCachedClients = 32;

    private readonly ConcurrentDictionary<ClientKey, AutoMLClient> clients = new();
    private readonly ConnectionResolver resolver;

    public AutoMLEngine()
        : this(new ConnectionResolver(Environment.GetEnvironmentVariable, SdkCredentialProfileSource.For, InstanceRegion))
    {
    }

    internal AutoMLEngine(ConnectionResolver resolver)
    {
        this.resolver = resolver;
    }

    public IAutoMLClient Connect(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken)
    {
        var connection = resolver.Resolve(settings, log, cancellationToken);
        var key = connection.Key;
        if (clients.TryGetValue(key, out var cached))
        {
            return cached.For(log);
        }

        if (clients.Count >= MaxCachedClients)
        {
            clients.Clear();
        }

        return clients.GetOrAdd(key, _ => new AutoMLClient(SageMakerAutoMLClient.For(connection), connection)).For(log);
    }

    private static string? InstanceRegion(CancellationToken cancellationToken)
    {
        // The instance metadata service answers in milliseconds on EC2 and not at all elsewhere:
        // give it two seconds, never longer.
        var lookup = Task.Run(() => EC2InstanceMetadata.Region?.SystemName, cancellationToken);
        try
        {
            return lookup.Wait(2000, cancellationToken) ? lookup.Result : null;
        }
        catch (AggregateException)
        {
            return null;
        }
    }
}
