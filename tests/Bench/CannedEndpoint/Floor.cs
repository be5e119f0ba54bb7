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
/// The floor: one request signed once (by tests/Bench/py/bench_boto.py sign, with botocore's SigV4Auth)
/// replayed N times, sequentially, over one keep-alive HttpClient/SocketsHttpHandler, timing each
/// request from send to the last byte of the body. No signing, no parsing: what any client must pay.
/// <c>CannedEndpoint floor --request signed.json --count 500 --warmup 50 --out floor.json</c>
/// </summary>
public static class Floor
{
    public static async Task<int> RunAsync(Options options)
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(options.Require("request")));
        var root = spec.RootElement;
        var url = new Uri(root.GetProperty("url").GetString()!);
        var body = Encoding.UTF8.GetBytes(root.GetProperty("body").GetString()!);
        var headers = root.GetProperty("headers").EnumerateObject().Select(p => (p.Name, Value: p.Value.GetString()!)).ToList();
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "application/x-amz-json-1.1";
        var count = options.Int("count", 500);
        var warmup = options.Int("warmup", 50);

        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        var times = new List<double>(count);
        var bytes = 0L;
        var watch = new Stopwatch();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < warmup + count; i++)
        {
            if (i == warmup)
            {
                total.Restart();
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            foreach (var (name, value) in headers)
            {
                if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            watch.Restart();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The endpoint answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(content)}");
            }

            if (i >= warmup)
            {
                times.Add(elapsed);
                bytes += content.Length;
            }
        }

        var wall = total.Elapsed.TotalMilliseconds;
        times.Sort();
        var result = new Dictionary<string, object>
        {
            ["count"] = count,
            ["warmup"] = warmup,
            ["meanMs"] = times.Average(),
            ["medianMs"] = Percentile(times, 0.5),
            ["p90Ms"] = Percentile(times, 0.9),
            ["p99Ms"] = Percentile(times, 0.99),
            ["minMs"] = times[0],
            ["wallMs"] = wall,
            ["responseBytes"] = bytes / count,
        };
        var json = JsonSerializer.Serialize(result);
        if (options.Get("out") is string path)
        {
            File.WriteAllText(path, json);
        }

        Console.WriteLine(json);
        return 0;
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(sorted.Count - 1, low + 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
