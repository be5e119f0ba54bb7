namespace AutoMLV2.Commands;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>
/// The connections a command uses ("targets": one per profile × region asked for, from the command line
/// or, by property name, from each pipeline object), a client and a throttle gate for each, and what a
/// failing one means. A command that asks one connection on its command line behaves as it always did:
/// a configuration error ends it. A command that asks several, or takes them from the pipeline,
/// "isolates" them: a connection that fails (no credentials, access denied, an opted-out or unreachable
/// region) is one error naming it, and the others go on.
/// </summary>
public abstract partial class AutoMLCmdletBase
{
    /// <summary>Put first in the type names of a job written by a command that spans several connections: its table view groups by origin.</summary>
    internal const string JobOriginTypeName = "AutoMLV2.Model.AutoMLJobV2#Origin";

    /// <summary>The credential, region and endpoint parameters every cmdlet has, by name.</summary>
    private static readonly Dictionary<string, PropertyInfo> ConnectionParameters = typeof(AutoMLCmdletBase).GetProperties()
        .Where(property => property.DeclaringType == typeof(AutoMLCmdletBase) && property.IsDefined(typeof(ParameterAttribute), true))
        .ToDictionary(property => property.Name, StringComparer.Ordinal);

    private readonly Dictionary<ConnectionSettings, IAutoMLClient> clients = new();
    private readonly ConcurrentDictionary<ConnectionSettings, ThrottleGate> gates = new();
    // Connections that failed as a whole: marked as soon as the failure comes back (any thread), so
    // that no request waiting for its turn goes there; reported once, on the pipeline thread.
    private readonly ConcurrentDictionary<ConnectionSettings, bool> failedTargets = new();
    private readonly HashSet<ConnectionSettings> reportedTargets = new();
    private readonly HashSet<ConnectionSettings> usedTargets = new();
    private SemaphoreSlim? requestSlots;
    private string[]? commandLineRegions;
    private string[]? commandLineProfiles;
    // The connections built for the last pipeline object, and the Region and ProfileName they were built for.
    private (string[]? Regions, string[]? Profiles, IReadOnlyList<ConnectionSettings> Targets)? lastTargets;

    /// <summary>Whether a failing connection is an error for it alone (several connections, or connections from the pipeline).</summary>
    internal bool IsolatesTargets { get; private set; }

    /// <summary>Whether the command has used more than one connection: its output shows where each object came from.</summary>
    internal bool SpansTargets => usedTargets.Count > 1;

    /// <summary>How many requests the command may have in flight at once (its -ThrottleLimit).</summary>
    protected virtual int RequestLimit => DefaultThrottleLimit;

    /// <summary>
    /// The connections for the current pipeline object (Region and ProfileName may come from it by
    /// property name; the command line wins): every profile × region given, profiles first.
    /// </summary>
    internal IReadOnlyList<ConnectionSettings> CurrentTargets()
    {
        // Only Region and ProfileName come from pipeline objects: the connections are built again only
        // when they differ from the last object's.
        IReadOnlyList<ConnectionSettings> targets;
        if (lastTargets is { } last && SameExactly(Region, last.Regions) && SameExactly(ProfileName, last.Profiles))
        {
            targets = last.Targets;
        }
        else
        {
            try
            {
                // The parameters as they are now: PowerShell resets what the last pipeline object bound
                // (its Region, its ProfileName) before the next, though MyInvocation.BoundParameters keeps it.
                targets = ConnectionSettingsBuilder.Build(
                    name => ConnectionParameters.TryGetValue(name, out var property) ? property.GetValue(this) : null,
                    SessionState.PSVariable.GetValue,
                    SessionState.Path.GetUnresolvedProviderPathFromPSPath);
            }
            catch (AutoMLConfigurationException e)
            {
                // A session setting no connection can work with ($AutoMLV2RequestTimeoutSeconds): the command stops.
                WriteFailure(e, null);
                throw;
            }

            lastTargets = (Region, ProfileName, targets);
        }

        if (targets.Count > 1 || !Same(Region, commandLineRegions) || !Same(ProfileName, commandLineProfiles))
        {
            IsolatesTargets = true;
        }

        foreach (var target in targets)
        {
            usedTargets.Add(target);
        }

        return targets;
    }

    /// <summary>
    /// The client for <paramref name="target"/>, resolved once per invocation; null when the target
    /// cannot be used (its failure is written, or it failed before).
    /// </summary>
    internal IAutoMLClient? TryClientFor(ConnectionSettings target)
    {
        if (failedTargets.ContainsKey(target))
        {
            return null;
        }

        try
        {
            return ClientFor(target);
        }
        catch (AutoMLConfigurationException e)
        {
            WriteTargetFailure(target, e);
            return null;
        }
    }

    /// <summary>
    /// The client for <paramref name="target"/>, resolved once per invocation. Throws
    /// <see cref="AutoMLConfigurationException"/> when it cannot be resolved.
    /// </summary>
    internal IAutoMLClient ClientFor(ConnectionSettings target)
    {
        if (!clients.TryGetValue(target, out var client))
        {
            client = EngineLoader.Engine.Connect(target, Log, CancellationToken);
            clients.Add(target, client);
        }

        return client;
    }

    /// <summary>Whether <paramref name="target"/> has failed as a whole (no more requests go to it).</summary>
    internal bool HasFailed(ConnectionSettings target) => failedTargets.ContainsKey(target);

    /// <summary>Whether <paramref name="error"/> says only that the request was not sent: its connection had failed as a whole already (that error is written once).</summary>
    internal static bool WasNotSent(Exception error) => error is ConnectionFailedEarlierException;

    /// <summary>
    /// Runs <paramref name="call"/> (a request to <paramref name="target"/>) within the command's
    /// request limit and through the target's <see cref="ThrottleGate"/>: when that connection is
    /// throttled, its requests pause and this one is sent again, as -Verbose says; the other
    /// connections go on.
    /// </summary>
    internal Task<T> PacedAsync<T>(ConnectionSettings target, Func<Task<T>> call, string what)
    {
        // First asked for on any thread (the leaderboard asks ahead from the thread pool): one semaphore for all.
        var slots = LazyInitializer.EnsureInitialized(ref requestSlots, () => new SemaphoreSlim(RequestLimit, RequestLimit))!;
        var gate = gates.GetOrAdd(target, _ => new ThrottleGate());
        return gate.SendAsync(
            async () =>
            {
                // A turn among the command's requests, taken only while this connection is not paused:
                // a request that waited for its turn while a pause began waits for the pause again
                // (and gives its turn to the other connections meanwhile).
                await slots.WaitAsync(CancellationToken).ConfigureAwait(false);
                while (gate.IsPaused)
                {
                    slots.Release();
                    await gate.WaitAsync(CancellationToken).ConfigureAwait(false);
                    await slots.WaitAsync(CancellationToken).ConfigureAwait(false);
                }

                try
                {
                    if (failedTargets.ContainsKey(target))
                    {
                        throw new ConnectionFailedEarlierException();
                    }

                    return await call().ConfigureAwait(false);
                }
                catch (Exception e) when (IsolatesTargets && ErrorCatalog.ConcernsConnection(e))
                {
                    failedTargets.TryAdd(target, true);
                    throw;
                }
                finally
                {
                    slots.Release();
                }
            },
            (e, resend, pause) => Log.Verbose($"{what}{(IsolatesTargets ? $" ({Describe(target)})" : string.Empty)} was throttled ({e.ErrorCode}); every request{(IsolatesTargets ? " to " + Describe(target) : string.Empty)} pauses {pause.TotalSeconds:0.0}s, then it is sent again ({resend} of {RetryPolicy.ThrottledResends})."),
            CancellationToken);
    }

    /// <summary>
    /// Writes the failure of a request to <paramref name="target"/> about <paramref name="item"/>. When
    /// the command isolates its connections, a failure of the connection as a whole (configuration,
    /// access denied, authentication, unreachable) is one error naming it, and no more requests go
    /// there; any other failure is the item's error, naming the connection. Otherwise as ever.
    /// </summary>
    internal void WriteFailure(ConnectionSettings target, Exception exception, object? item)
    {
        if (!IsolatesTargets)
        {
            WriteFailure(exception, item);
        }
        else if (ErrorCatalog.ConcernsConnection(exception))
        {
            WriteTargetFailure(target, exception);
        }
        else
        {
            WriteError(Naming(ErrorCatalog.For(exception).Record(exception, item), target));
        }
    }

    /// <summary>The failure of a connection as a whole: once per connection, naming it (or, when the command does not isolate, as ever).</summary>
    internal void WriteTargetFailure(ConnectionSettings target, Exception exception)
    {
        if (!IsolatesTargets)
        {
            WriteFailure(exception, null);
            return;
        }

        failedTargets.TryAdd(target, true);
        if (reportedTargets.Add(target))
        {
            WriteError(Naming(ErrorCatalog.ConnectionRecord(exception, Describe(target)), target));
        }
    }

    /// <summary>
    /// Writes a job or candidate, marked with where it came from when the command spans several
    /// connections. A pipeline stopped downstream (Select-Object -First) reaches the command here, as
    /// an exception from WriteObject rather than through StopProcessing: every request is cancelled
    /// then, so that nothing more is asked for.
    /// </summary>
    internal void WriteResult(object result)
    {
        try
        {
            WriteObject(SpansTargets ? MarkedWithOrigin(result) : result);
        }
        catch (PipelineStoppedException)
        {
            CancelRequests();
            throw;
        }
    }

    private static object MarkedWithOrigin(object result)
    {
        var wrapped = PSObject.AsPSObject(result);
        if (result is AutoMLJobV2 && !wrapped.TypeNames.Contains(JobOriginTypeName))
        {
            wrapped.TypeNames.Insert(0, JobOriginTypeName);
        }

        if (result is AutoMLCandidate candidate)
        {
            candidate.ShowOrigin = true;
        }

        return wrapped;
    }

    /// <summary>A connection as the user named it: "eu-west-1", "profile 'prod'", "eu-west-1, profile 'prod'".</summary>
    internal static string Describe(ConnectionSettings target)
        => string.Join(", ", new[] { target.Region ?? (target.ProfileName is null ? "the default region" : null), target.ProfileName is null ? null : $"profile '{target.ProfileName}'" }.Where(part => part is not null));

    private ErrorRecord Naming(ErrorRecord record, ConnectionSettings target)
    {
        record.ErrorDetails = new ErrorDetails($"{Describe(target)}: {record.Exception.Message}");
        return record;
    }

    private void RememberCommandLineTargets()
    {
        commandLineRegions = Region;
        commandLineProfiles = ProfileName;
    }

    private static bool Same(string[]? one, string[]? other)
        => (one ?? Array.Empty<string>()).SequenceEqual(other ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);

    private static bool SameExactly(string[]? one, string[]? other)
        => ReferenceEquals(one, other) || (one is not null && other is not null && one.SequenceEqual(other, StringComparer.Ordinal));

    /// <summary>A request not sent because its connection had failed as a whole already.</summary>
    private sealed class ConnectionFailedEarlierException : Exception
    {
        public ConnectionFailedEarlierException()
            : base("Not sent: the connection failed as a whole before.")
        {
        }
    }
}
