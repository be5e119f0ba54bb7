namespace AutoMLV2.Bench;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The waiting baseline: the same polling as <c>Wait-AutoMLJobV2 -PollInterval</c> (each job described
/// every interval, measured from the send, until it is Completed; at most --concurrency requests in
/// flight) by a bare HttpClient in a plain .NET process: no SDK, no signing, no PowerShell. Its CPU
/// time is what any .NET client pays for the requests and the runtime's JIT tiering of the HTTP stack.
/// Posts the schedule to the endpoint first (its clock starts there), after one warm-up request.
/// <c>CannedEndpoint poller --url URL --schedule schedule.json --interval 5 --concurrency 16 --out poller.json</c>
/// </summary>
public static class Poller
{
    public static async Task<int> RunAsync(Options options)
    {
        var url = new Uri(options.Require("url").TrimEnd('/') + "/");
        var schedule = File.ReadAllText(options.Require("schedule"));
        var names = JsonDocument.Parse(schedule).RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var interval = TimeSpan.FromSeconds(options.Double("interval", 5));
        using var gate = new SemaphoreSlim(options.Int("concurrency", 16));

        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        async Task<bool> DescribeAsync(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent($"{{\"AutoMLJobName\":\"{name}\"}}", Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "SageMaker.DescribeAutoMLJobV2");
            request.Headers.TryAddWithoutValidation("Authorization", "baseline (not checked by the canned endpoint)");
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The endpoint answered {(int)response.StatusCode} for {name}.");
            }

            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("AutoMLJobStatus").GetString() is "Completed" or "Failed" or "Stopped";
        }

        await DescribeAsync(options.Get("warm-name") ?? "bench-0000").ConfigureAwait(false);
        using (var config = new StringContent($"{{\"schedule\":{schedule}}}", Encoding.UTF8, "application/json"))
        {
            (await client.PostAsync(new Uri(url, "config"), config).ConfigureAwait(false)).EnsureSuccessStatusCode();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(false);
        var jitTime = System.Runtime.JitInfo.GetCompilationTime(false);
        var requests = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(names.Select(async name =>
        {
            while (true)
            {
                var sent = wall.Elapsed;
                await gate.WaitAsync().ConfigureAwait(false);
                bool done;
                try
                {
                    done = await DescribeAsync(name).ConfigureAwait(false);
                    Interlocked.Increment(ref requests);
                }
                finally
                {
                    gate.Release();
                }

                if (done)
                {
                    return;
                }

                var wait = sent + interval - wall.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }
            }
        })).ConfigureAwait(false);
        var wallMs = wall.Elapsed.TotalMilliseconds;
        process.Refresh();
        var result = new Dictionary<string, object>
        {
            ["jobs"] = names.Count,
            ["describes"] = requests,
            ["wallMs"] = wallMs,
            ["cpuMs"] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds,
            ["jitMethods"] = System.Runtime.JitInfo.GetCompiledMethodCount(false) - jitMethods,
            ["jitMs"] = (System.Runtime.JitInfo.GetCompilationTime(false) - jitTime).TotalMilliseconds,
        };
        var json = JsonSerializer.Serialize(result);
        if (options.Get("out") is string path)
        {
            File.WriteAllText(path, json);
        }

        Console.WriteLine(json);
        return 0;
    }
}
