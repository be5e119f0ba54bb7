namespace AutoMLV2.Bench;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// A fast canned SageMaker endpoint on loopback, so that the client's own cost is what a benchmark sees.
/// <list type="bullet">
/// <item><c>POST /</c> with <c>X-Amz-Target: SageMaker.DescribeAutoMLJobV2</c>: a complete response (a fixture,
/// with every occurrence of its job name replaced by the requested one) for <c>bench-0000</c>… (the N
/// configured jobs) and for the scheduled jobs; ResourceNotFound for others.</item>
/// <item><c>SageMaker.ListAutoMLJobs</c>: pages of at most 100 (MaxResults, default 10) summaries of the N jobs,
/// newest first unless SortOrder is Ascending, NameContains and StatusEquals applied, NextToken paging.</item>
/// <item><c>SageMaker.ListCandidatesForAutoMLJob</c>: <c>candidates</c> candidates per job, objective <c>objective</c>
/// (see <see cref="Candidates"/>).</item>
/// <item>Signatures are not verified; a request without an Authorization header gets 400
/// MissingAuthenticationTokenException (and is counted).</item>
/// <item>Per run (<c>POST /config</c>, or the command line): <c>latencyMs</c> (Task.Delay per request),
/// <c>regionLatencyMs</c> {region: ms} (instead of latencyMs for requests signed for that region: the region
/// of the Authorization header's credential scope),
/// <c>rateLimit</c> requests/s (token bucket, burst = <c>burst</c> or the rate; above it 400
/// ThrottlingException "Rate exceeded" with x-amzn-ErrorType), <c>jobs</c> N, <c>candidates</c> (default 250) and
/// <c>objective</c> (Maximize or Minimize) of every job's leaderboard, and <c>schedule</c>
/// {name: finish offset in ms from now}: a scheduled job is InProgress before its finish time and
/// Completed after it.</item>
/// <item><c>GET /stats[?times=1]</c>: requests per operation and per region (credential scope), describes per job, throttled, missing auth,
/// connections accepted, the most requests in flight at once, the schedule, and with times=1 each
/// job's describe timestamps (epoch ms). <c>POST /reset</c> clears the statistics (not the configuration).</item>
/// </list>
/// Stops by itself when --parent-pid is gone or after --max-seconds (default 1800).
/// </summary>
public static class Endpoint
{
    private static readonly Regex JobName = new("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static async Task<int> RunAsync(Options options)
    {
        var fixture = options.Get("fixture") ?? Path.Combine(AppContext.BaseDirectory, "describe-fallback.json");
        var canned = CannedJob.Load(fixture);
        var state = new BenchState(options.Int("jobs", 1000), options.Double("latency-ms", 0), options.Double("rate-limit", 0), options.Double("burst", 0));

        var builder = WebApplication.CreateSlimBuilder(Array.Empty<string>());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
            kestrel.Listen(IPAddress.Loopback, options.Int("port", 0), listen => listen.Use(next => connection =>
            {
                Interlocked.Increment(ref state.Connections);
                return next(connection);
            }));
        });
        var app = builder.Build();

        app.MapPost("/", context => HandleAsync(context, state, canned));
        app.MapGet("/stats", context => WriteJsonAsync(context, 200, state.Stats(context.Request.Query.ContainsKey("times"))));
        app.MapPost("/reset", context =>
        {
            state.Reset();
            return WriteJsonAsync(context, 200, new Dictionary<string, object?> { ["reset"] = true });
        });
        app.MapGet("/config", context => WriteJsonAsync(context, 200, state.Describe()));
        app.MapPost("/config", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject ?? new JsonObject();
            state.Configure(body);
            await WriteJsonAsync(context, 200, state.Describe()).ConfigureAwait(false);
        });

        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        var url = $"http://127.0.0.1:{port}";
        if (options.Get("port-file") is string portFile)
        {
            var temp = portFile + ".tmp";
            File.WriteAllText(temp, port.ToString(CultureInfo.InvariantCulture));
            File.Move(temp, portFile, overwrite: true);
        }

        Console.WriteLine($"LISTENING {url}");
        Console.Out.Flush();

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        _ = Watchdog(options.Int("parent-pid", 0), TimeSpan.FromSeconds(options.Int("max-seconds", 1800)), lifetime);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task Watchdog(int parentPid, TimeSpan maxLifetime, IHostApplicationLifetime lifetime)
    {
        var started = Stopwatch.StartNew();
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await Task.Delay(1000).ConfigureAwait(false);
            var parentGone = false;
            if (parentPid > 0)
            {
                try
                {
                    using var parent = Process.GetProcessById(parentPid);
                    parentGone = parent.HasExited;
                }
                catch (ArgumentException)
                {
                    parentGone = true;
                }
            }

            if (parentGone || started.Elapsed > maxLifetime)
            {
                Console.WriteLine(parentGone ? "parent process is gone; stopping" : "maximum lifetime reached; stopping");
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static async Task HandleAsync(HttpContext context, BenchState state, CannedJob canned)
    {
        var inFlight = Interlocked.Increment(ref state.InFlight);
        try
        {
            state.NoteInFlight(inFlight);
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            var operation = target.StartsWith("SageMaker.", StringComparison.Ordinal) ? target.Substring("SageMaker.".Length) : target;
            state.Count(operation);
            var region = CredentialScopeRegion(context.Request.Headers.Authorization.ToString());
            state.CountRegion(region);
            var config = state.Config;

            if (string.IsNullOrEmpty(context.Request.Headers.Authorization.ToString()))
            {
                Interlocked.Increment(ref state.MissingAuth);
                await ErrorAsync(context, 400, "MissingAuthenticationTokenException", "Missing Authentication Token").ConfigureAwait(false);
                return;
            }

            JsonDocument body;
            try
            {
                body = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                await ErrorAsync(context, 400, "SerializationException", "The request body is not JSON.").ConfigureAwait(false);
                return;
            }

            using (body)
            {
                var allowed = state.TryTakeToken();
                var latencyMs = region is not null && config.RegionLatencyMs.TryGetValue(region, out var regionMs) ? regionMs : config.LatencyMs;
                if (latencyMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(latencyMs)).ConfigureAwait(false);
                }

                if (!allowed)
                {
                    Interlocked.Increment(ref state.Throttled);
                    await ErrorAsync(context, 400, "ThrottlingException", "Rate exceeded").ConfigureAwait(false);
                    return;
                }

                switch (operation)
                {
                    case "DescribeAutoMLJobV2":
                        await DescribeAsync(context, state, config, canned, body.RootElement).ConfigureAwait(false);
                        break;
                    case "ListAutoMLJobs":
                        await ListAsync(context, config, body.RootElement).ConfigureAwait(false);
                        break;
                    case "ListCandidatesForAutoMLJob":
                        var (status, errorType, message, page) = Candidates.Page(config, body.RootElement);
                        if (page is null)
                        {
                            await ErrorAsync(context, status, errorType!, message!).ConfigureAwait(false);
                            break;
                        }

                        context.Response.StatusCode = status;
                        context.Response.ContentType = "application/x-amz-json-1.1";
                        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                        context.Response.ContentLength = page.Length;
                        await context.Response.Body.WriteAsync(page).ConfigureAwait(false);
                        break;
                    default:
                        await ErrorAsync(context, 400, "UnknownOperationException", $"Unknown operation '{target}'.").ConfigureAwait(false);
                        break;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref state.InFlight);
        }
    }

    /// <summary>The region of a SigV4 Authorization header's credential scope (Credential=AKID/date/region/service/aws4_request); null without one.</summary>
    private static string? CredentialScopeRegion(string authorization)
    {
        var at = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var scope = authorization.Substring(at + "Credential=".Length).Split(',')[0].Split('/');
        return scope.Length > 2 ? scope[2] : null;
    }

    private static async Task DescribeAsync(HttpContext context, BenchState state, BenchConfig config, CannedJob canned, JsonElement body)
    {
        var name = body.TryGetProperty("AutoMLJobName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        if (!JobName.IsMatch(name))
        {
            await ErrorAsync(context, 400, "ValidationException", $"1 validation error detected: Value '{name}' at 'autoMLJobName' failed to satisfy constraint.").ConfigureAwait(false);
            return;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        bool completed;
        if (config.FinishAt.TryGetValue(name, out var finishAt))
        {
            completed = now >= finishAt;
        }
        else if (config.JobIndex(name) >= 0)
        {
            completed = true;
        }
        else
        {
            await ErrorAsync(context, 400, "ResourceNotFound", $"AutoML job '{name}' does not exist.").ConfigureAwait(false);
            return;
        }

        state.NoteDescribe(name, now);
        var bytes = canned.Render(name, completed);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static async Task ListAsync(HttpContext context, BenchConfig config, JsonElement body)
    {
        string? Text(string member) => body.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var nameContains = Text("NameContains");
        var statusEquals = Text("StatusEquals");
        var ascending = string.Equals(Text("SortOrder"), "Ascending", StringComparison.Ordinal);
        var maxResults = body.TryGetProperty("MaxResults", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 10;
        if (maxResults < 1 || maxResults > 100)
        {
            await ErrorAsync(context, 400, "ValidationException", "MaxResults must be between 1 and 100.").ConfigureAwait(false);
            return;
        }

        var offset = 0;
        if (Text("NextToken") is string token)
        {
            if (!token.StartsWith("page-", StringComparison.Ordinal) || !int.TryParse(token.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                await ErrorAsync(context, 400, "ValidationException", "Invalid NextToken.").ConfigureAwait(false);
                return;
            }
        }

        // Job i was created i minutes after the base time: newest first is the highest index first.
        var matches = new List<int>(config.Jobs);
        for (var k = 0; k < config.Jobs; k++)
        {
            var i = ascending ? k : config.Jobs - 1 - k;
            if (nameContains is not null && BenchConfig.Name(i).IndexOf(nameContains, StringComparison.OrdinalIgnoreCase) < 0)
            {
                continue;
            }

            if (statusEquals is not null && !string.Equals(statusEquals, "Completed", StringComparison.Ordinal))
            {
                continue;
            }

            matches.Add(i);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("AutoMLJobSummaries");
            for (var k = offset; k < Math.Min(matches.Count, offset + maxResults); k++)
            {
                var i = matches[k];
                var name = BenchConfig.Name(i);
                var created = BenchConfig.BaseCreation + (i * 60d);
                writer.WriteStartObject();
                writer.WriteString("AutoMLJobName", name);
                writer.WriteString("AutoMLJobArn", "arn:aws:sagemaker:us-east-1:123456789012:automl-job/" + name);
                writer.WriteString("AutoMLJobStatus", "Completed");
                writer.WriteString("AutoMLJobSecondaryStatus", "Completed");
                writer.WriteNumber("CreationTime", created);
                writer.WriteNumber("EndTime", created + 5400.25);
                writer.WriteNumber("LastModifiedTime", created + 5410.5);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (offset + maxResults < matches.Count)
            {
                writer.WriteString("NextToken", "page-" + (offset + maxResults).ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }

    private static Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }, Compact));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-ErrorType"] = type;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    private static Task WriteJsonAsync(HttpContext context, int status, object value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Compact);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}

/// <summary>The describe response, pre-split around the fixture's job name, for Completed and InProgress.</summary>
public sealed class CannedJob
{
    private readonly byte[][] completed;
    private readonly byte[][] inProgress;

    private CannedJob(byte[][] completed, byte[][] inProgress)
    {
        this.completed = completed;
        this.inProgress = inProgress;
    }

    public static CannedJob Load(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object.");
        var name = node["AutoMLJobName"]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no AutoMLJobName.");

        node["AutoMLJobStatus"] = "Completed";
        var done = node.ToJsonString();

        var running = (JsonObject)node.DeepClone();
        running["AutoMLJobStatus"] = "InProgress";
        running["AutoMLJobSecondaryStatus"] = "TrainingModels";
        running.Remove("EndTime");
        return new CannedJob(Split(done, name), Split(running.ToJsonString(), name));
    }

    public byte[] Render(string name, bool isCompleted)
    {
        var segments = isCompleted ? completed : inProgress;
        var nameBytes = Encoding.ASCII.GetBytes(name);
        var length = segments.Sum(s => s.Length) + ((segments.Length - 1) * nameBytes.Length);
        var result = new byte[length];
        var at = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                nameBytes.CopyTo(result, at);
                at += nameBytes.Length;
            }

            segments[i].CopyTo(result, at);
            at += segments[i].Length;
        }

        return result;
    }

    private static byte[][] Split(string json, string name)
        => json.Split(name).Select(Encoding.UTF8.GetBytes).ToArray();
}

/// <summary>One run's settings. Immutable: a change swaps the whole object.</summary>
public sealed class BenchConfig
{
    public const double BaseCreation = 1735689600d; // 2025-01-01T00:00:00Z

    public int Jobs { get; init; }

    public double LatencyMs { get; init; }

    /// <summary>Latency per region (credential scope), instead of <see cref="LatencyMs"/> for that region.</summary>
    public Dictionary<string, double> RegionLatencyMs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>How many candidates each job has (ListCandidatesForAutoMLJob).</summary>
    public int Candidates { get; init; } = 250;

    /// <summary>The objective's Type of every leaderboard: Maximize or Minimize.</summary>
    public string Objective { get; init; } = "Maximize";

    public double RateLimit { get; init; }

    public double Burst { get; init; }

    public long ScheduleStart { get; init; }

    public Dictionary<string, long> FinishAt { get; init; } = new(StringComparer.Ordinal);

    public static string Name(int index) => "bench-" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The index of a bench-NNNN job among the configured ones, or -1.</summary>
    public int JobIndex(string name)
        => name.Length == 10 && name.StartsWith("bench-", StringComparison.Ordinal)
           && int.TryParse(name.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < Jobs ? i : -1;
}

/// <summary>Configuration and statistics, shared by all requests.</summary>
public sealed class BenchState
{
    public long InFlight;
    public long Throttled;
    public long MissingAuth;
    public long Connections;

    private readonly object bucketGate = new();
    private readonly ConcurrentDictionary<string, long> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> byRegion = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> describes = new(StringComparer.Ordinal);
    private long maxInFlight;
    private double tokens;
    private long refilled = Stopwatch.GetTimestamp();
    private long firstRequest;
    private long lastRequest;

    public BenchState(int jobs, double latencyMs, double rateLimit, double burst)
    {
        Config = new BenchConfig { Jobs = jobs, LatencyMs = latencyMs, RateLimit = rateLimit, Burst = burst > 0 ? burst : rateLimit };
        tokens = Config.Burst;
    }

    public BenchConfig Config { get; private set; }

    public void Configure(JsonObject body)
    {
        var old = Config;
        var finishAt = old.FinishAt;
        var start = old.ScheduleStart;
        if (body["schedule"] is JsonObject schedule)
        {
            start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            finishAt = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var pair in schedule)
            {
                finishAt[pair.Key] = start + (long)Math.Round(pair.Value!.GetValue<double>());
            }
        }

        var regionLatency = old.RegionLatencyMs;
        if (body["regionLatencyMs"] is JsonObject regions)
        {
            regionLatency = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var pair in regions)
            {
                regionLatency[pair.Key] = pair.Value!.GetValue<double>();
            }
        }

        var rate = body["rateLimit"]?.GetValue<double>() ?? old.RateLimit;
        var burst = body["burst"]?.GetValue<double>() ?? (body.ContainsKey("rateLimit") ? rate : old.Burst);
        lock (bucketGate)
        {
            Config = new BenchConfig
            {
                Jobs = body["jobs"]?.GetValue<int>() ?? old.Jobs,
                LatencyMs = body["latencyMs"]?.GetValue<double>() ?? old.LatencyMs,
                RegionLatencyMs = regionLatency,
                Candidates = body["candidates"]?.GetValue<int>() ?? old.Candidates,
                Objective = body["objective"]?.GetValue<string>() ?? old.Objective,
                RateLimit = rate,
                Burst = burst > 0 ? burst : rate,
                ScheduleStart = start,
                FinishAt = finishAt,
            };
            tokens = Config.Burst;
            refilled = Stopwatch.GetTimestamp();
        }
    }

    public Dictionary<string, object?> Describe()
    {
        var c = Config;
        return new Dictionary<string, object?>
        {
            ["jobs"] = c.Jobs,
            ["latencyMs"] = c.LatencyMs,
            ["regionLatencyMs"] = c.RegionLatencyMs,
            ["candidates"] = c.Candidates,
            ["objective"] = c.Objective,
            ["rateLimit"] = c.RateLimit,
            ["burst"] = c.Burst,
            ["scheduleStart"] = c.ScheduleStart,
            ["finishAt"] = c.FinishAt,
        };
    }

    public bool TryTakeToken()
    {
        var c = Config;
        if (c.RateLimit <= 0)
        {
            return true;
        }

        lock (bucketGate)
        {
            var now = Stopwatch.GetTimestamp();
            tokens = Math.Min(c.Burst, tokens + (Stopwatch.GetElapsedTime(refilled, now).TotalSeconds * c.RateLimit));
            refilled = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                return true;
            }

            return false;
        }
    }

    public void Count(string operation)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Interlocked.CompareExchange(ref firstRequest, now, 0);
        Interlocked.Exchange(ref lastRequest, now);
        requests.AddOrUpdate(operation, 1, (_, n) => n + 1);
    }

    public void CountRegion(string? region) => byRegion.AddOrUpdate(region ?? "(none)", 1, (_, n) => n + 1);

    public void NoteInFlight(long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, value, seen) != seen)
        {
        }
    }

    public void NoteDescribe(string name, long at) => describes.GetOrAdd(name, _ => new ConcurrentQueue<long>()).Enqueue(at);

    public void Reset()
    {
        requests.Clear();
        byRegion.Clear();
        describes.Clear();
        Interlocked.Exchange(ref Throttled, 0);
        Interlocked.Exchange(ref MissingAuth, 0);
        Interlocked.Exchange(ref Connections, 0);
        Interlocked.Exchange(ref maxInFlight, Interlocked.Read(ref InFlight));
        Interlocked.Exchange(ref firstRequest, 0);
        Interlocked.Exchange(ref lastRequest, 0);
    }

    public Dictionary<string, object?> Stats(bool withTimes)
    {
        var c = Config;
        var stats = new Dictionary<string, object?>
        {
            ["requests"] = requests.ToDictionary(p => p.Key, p => p.Value),
            ["byRegion"] = byRegion.ToDictionary(p => p.Key, p => p.Value),
            ["describes"] = describes.Values.Sum(q => q.Count),
            ["byJob"] = describes.ToDictionary(p => p.Key, p => p.Value.Count),
            ["throttled"] = Interlocked.Read(ref Throttled),
            ["missingAuth"] = Interlocked.Read(ref MissingAuth),
            ["connections"] = Interlocked.Read(ref Connections),
            ["maxInFlight"] = Interlocked.Read(ref maxInFlight),
            ["firstRequest"] = Interlocked.Read(ref firstRequest),
            ["lastRequest"] = Interlocked.Read(ref lastRequest),
            ["scheduleStart"] = c.ScheduleStart,
            ["finishAt"] = c.FinishAt,
        };
        if (withTimes)
        {
            stats["describeTimes"] = describes.ToDictionary(p => p.Key, p => p.Value.ToArray());
        }

        return stats;
    }
}
