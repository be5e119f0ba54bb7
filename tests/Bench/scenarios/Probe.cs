// Compiled with Add-Type inside the per-call benchmark's pwsh session (tests/Bench/scenarios/PerCall.ps1),
// after AutoMLV2 is imported and has made one call. It times the pieces of one Get-AutoMLJobV2 call
// without PowerShell around them, by reflection over the module's internals (benchmark only):
// the engine's Connect (credential, region and endpoint resolution + client cache look-up), the
// client's DescribeAutoMLJobV2Async (AWSSDK.Core pipeline: signing, retry, HTTP, unmarshalling), and
// the response parse alone (also of the same body with members newer than the module). Invoke-BenchNoOp is a cmdlet with Get-AutoMLJobV2's parameters that does
// nothing: PowerShell's own cost of invoking a compiled cmdlet.
namespace AutoMLV2Bench
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.IO;
    using System.Linq;
    using System.Management.Automation;
    using System.Reflection;
    using System.Text.Json;
    using System.Text.Json.Serialization.Metadata;
    using System.Threading;
    using System.Threading.Tasks;

    [Cmdlet("Invoke", "BenchNoOp")]
    public sealed class InvokeBenchNoOpCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public string[] AutoMLJobName { get; set; }

        [Parameter] public string Region { get; set; }

        [Parameter] public string EndpointUrl { get; set; }

        [Parameter] public string AccessKey { get; set; }

        [Parameter] public string SecretKey { get; set; }

        protected override void ProcessRecord()
        {
        }
    }

    /// <summary>An IEngineLog (internal interface) that drops every line.</summary>
    public class NullLogProxy : DispatchProxy
    {
        protected override object Invoke(MethodInfo targetMethod, object[] args) => null;
    }

    /// <summary>A fake IAutoMLEngine (internal interface) whose Connect hands out <see cref="FakeClientProxy"/>.</summary>
    public class FakeEngineProxy : DispatchProxy
    {
        internal object Client;
        internal bool LogTraffic;

        protected override object Invoke(MethodInfo targetMethod, object[] args)
        {
            if (targetMethod.Name != "Connect")
            {
                throw new NotSupportedException(targetMethod.Name);
            }

            if (LogTraffic)
            {
                // What the real resolver writes on every Connect: three Verbose lines and one Debug line.
                var log = args[1];
                var fake = (FakeClientProxy)Client;
                fake.Log = log;
                fake.Verbose.Invoke(log, new object[] { "Credentials: parameters -AccessKey/-SecretKey (access key ****************0001)." });
                fake.Verbose.Invoke(log, new object[] { "Region: us-east-1 (from parameter -Region)." });
                fake.Verbose.Invoke(log, new object[] { "Endpoint: http://127.0.0.1/ (from parameter -EndpointUrl)." });
                fake.Debug.Invoke(log, new object[] { "Retries: 3 attempts, standard mode (from defaults)." });
            }

            return Client;
        }
    }

    /// <summary>A fake IAutoMLClient: DescribeAutoMLJobV2Async answers a ready job, at once or from the thread pool.</summary>
    public class FakeClientProxy : DispatchProxy
    {
        internal object Job;
        internal bool FromThreadPool;
        internal MethodInfo Ready;
        internal MethodInfo Later;
        internal MethodInfo LaterWithLog;
        internal bool LogTraffic;
        internal object Log;
        internal MethodInfo Verbose;
        internal MethodInfo Debug;

        protected override object Invoke(MethodInfo targetMethod, object[] args)
        {
            switch (targetMethod.Name)
            {
                case "get_Region": return "us-east-1";
                case "get_Endpoint": return "http://fake.invalid/";
                case "DescribeAutoMLJobV2Async" when LogTraffic:
                    // What AttemptLogHandler writes for one attempt: a Debug line on the calling thread,
                    // and one from the thread that completes the request.
                    Debug.Invoke(Log, new object[] { "DescribeAutoMLJobV2 'bench-0001': attempt 1" });
                    return LaterWithLog.Invoke(null, new[] { Job, (object)(Action)(() => Debug.Invoke(Log, new object[] { "DescribeAutoMLJobV2 'bench-0001': HTTP 200" })) });
                case "DescribeAutoMLJobV2Async": return (FromThreadPool ? Later : Ready).Invoke(null, new[] { Job });
                default: throw new NotSupportedException(targetMethod.Name);
            }
        }
    }

    public sealed class Timing
    {
        public double MeanMs { get; set; }
        public double MedianMs { get; set; }
        public double P90Ms { get; set; }
        public double AllocatedBytesPerCall { get; set; }
        public int Count { get; set; }

        /// <summary>
        /// Times <paramref name="n"/> runs of the action <paramref name="prepare"/> returns, after
        /// <paramref name="warmup"/> untimed ones; prepare itself is not timed. Allocations are this
        /// thread's, or the whole process's when the work crosses threads (<paramref name="allThreads"/>).
        /// </summary>
        public static Timing Measure(int n, int warmup, Func<Action> prepare, bool allThreads)
        {
            var times = new List<double>(n);
            var watch = new Stopwatch();
            long allocated = 0;
            for (var i = 0; i < warmup + n; i++)
            {
                var body = prepare();
                var before = allThreads ? GC.GetTotalAllocatedBytes(false) : GC.GetAllocatedBytesForCurrentThread();
                watch.Restart();
                body();
                var elapsed = watch.Elapsed.TotalMilliseconds;
                if (i >= warmup)
                {
                    times.Add(elapsed);
                    allocated += (allThreads ? GC.GetTotalAllocatedBytes(false) : GC.GetAllocatedBytesForCurrentThread()) - before;
                }
            }

            return From(times, allocated);
        }

        public static Timing From(List<double> times, long allocated)
        {
            times.Sort();
            return new Timing
            {
                Count = times.Count,
                MeanMs = times.Average(),
                MedianMs = times[times.Count / 2],
                P90Ms = times[(int)(times.Count * 0.9)],
                AllocatedBytesPerCall = (double)allocated / times.Count,
            };
        }
    }

    public static class Probe
    {
        private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

        private static Assembly Cmdlets => AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "AutoMLV2");

        public static object Engine() => Cmdlets.GetType("AutoMLV2.Internal.EngineLoader", true).GetProperty("Engine", Any).GetValue(null);

        public static object Settings(string region, string endpoint, string accessKey, string secretKey)
        {
            var type = Cmdlets.GetType("AutoMLV2.Internal.ConnectionSettings", true);
            var settings = Activator.CreateInstance(type, true);
            type.GetProperty("Region").SetValue(settings, region);
            type.GetProperty("EndpointUrl").SetValue(settings, endpoint);
            type.GetProperty("AccessKey").SetValue(settings, accessKey);
            type.GetProperty("SecretKey").SetValue(settings, secretKey);
            return settings;
        }

        private static object Log() => DispatchProxy.Create(Cmdlets.GetType("AutoMLV2.Internal.IEngineLog", true), typeof(NullLogProxy));

        private static Type DispatcherType => Cmdlets.GetType("AutoMLV2.Internal.PipelineDispatcher", true);

        private static MethodInfo RunUntilMethod => DispatcherType.GetMethod("RunUntil");

        private static MethodInfo ConnectMethod => Cmdlets.GetType("AutoMLV2.Internal.IAutoMLEngine", true).GetMethod("Connect");

        public static object Connect(string region, string endpoint, string accessKey, string secretKey)
            => ConnectMethod.Invoke(Engine(), new[] { Settings(region, endpoint, accessKey, secretKey), Log(), (object)CancellationToken.None });

        private static Task<T> ReadyTask<T>(T value) => Task.FromResult(value);

        private static Task<T> ThreadPoolTask<T>(T value) => Task.Run(() => value);

        private static Task<T> ThreadPoolTaskWithLog<T>(T value, Action log) => Task.Run(() =>
        {
            log();
            return value;
        });

        /// <summary>
        /// Makes Get-AutoMLJobV2 run over a fake engine (EngineLoader.Override, the tests' seam) whose
        /// client answers with <paramref name="job"/>: at once, or from the thread pool. Null restores the real engine.
        /// </summary>
        public static void UseFakeEngine(object job, bool fromThreadPool) => UseFakeEngine(job, fromThreadPool, false);

        /// <summary>As above; <paramref name="logTraffic"/>: the fake also writes the log lines the real engine writes per call.</summary>
        public static void UseFakeEngine(object job, bool fromThreadPool, bool logTraffic)
        {
            var loader = Cmdlets.GetType("AutoMLV2.Internal.EngineLoader", true);
            var property = loader.GetProperty("Override", Any);
            if (job == null)
            {
                property.SetValue(null, null);
                return;
            }

            var client = DispatchProxy.Create(Cmdlets.GetType("AutoMLV2.Internal.IAutoMLClient", true), typeof(FakeClientProxy));
            var fakeClient = (FakeClientProxy)client;
            fakeClient.Job = job;
            fakeClient.FromThreadPool = fromThreadPool;
            fakeClient.Ready = typeof(Probe).GetMethod(nameof(ReadyTask), Any).MakeGenericMethod(job.GetType());
            fakeClient.Later = typeof(Probe).GetMethod(nameof(ThreadPoolTask), Any).MakeGenericMethod(job.GetType());
            fakeClient.LaterWithLog = typeof(Probe).GetMethod(nameof(ThreadPoolTaskWithLog), Any).MakeGenericMethod(job.GetType());
            fakeClient.LogTraffic = logTraffic;
            var logInterface = Cmdlets.GetType("AutoMLV2.Internal.IEngineLog", true);
            fakeClient.Verbose = logInterface.GetMethod("Verbose");
            fakeClient.Debug = logInterface.GetMethod("Debug");
            var engine = DispatchProxy.Create(Cmdlets.GetType("AutoMLV2.Internal.IAutoMLEngine", true), typeof(FakeEngineProxy));
            ((FakeEngineProxy)engine).Client = client;
            ((FakeEngineProxy)engine).LogTraffic = logTraffic;
            property.SetValue(null, engine);
        }

        /// <summary>Engine.Connect, n times, as each cmdlet invocation does it (settings built fresh each time).</summary>
        public static Timing TimeConnect(int n, int warmup, string region, string endpoint, string accessKey, string secretKey)
        {
            var engine = Engine();
            var log = Log();
            var connect = ConnectMethod;
            return Timing.Measure(n, warmup, () =>
            {
                // The cmdlet builds its settings directly; here they are built by reflection, so outside the timing.
                var arguments = new[] { Settings(region, endpoint, accessKey, secretKey), log, (object)CancellationToken.None };
                return () => connect.Invoke(engine, arguments);
            }, false);
        }

        /// <summary>The cached client's DescribeAutoMLJobV2Async, awaited synchronously, n times.</summary>
        public static Timing TimeDescribe(int n, int warmup, object client, string name) => TimeDescribe(n, warmup, client, name, false);

        /// <summary>
        /// As above; <paramref name="waitLikeDispatcher"/>: wait through the module's own PipelineDispatcher
        /// (a new one per call, as each cmdlet invocation has) instead of Task.GetAwaiter().GetResult().
        /// </summary>
        public static Timing TimeDescribe(int n, int warmup, object client, string name, bool waitLikeDispatcher) => TimeDescribe(n, warmup, client, name, waitLikeDispatcher, false);

        /// <summary>As above; <paramref name="cancellable"/>: a token from a new CancellationTokenSource per call, as each cmdlet invocation has.</summary>
        public static Timing TimeDescribe(int n, int warmup, object client, string name, bool waitLikeDispatcher, bool cancellable)
        {
            var describe = Cmdlets.GetType("AutoMLV2.Internal.IAutoMLClient", true).GetMethod("DescribeAutoMLJobV2Async");
            var dispatcherType = DispatcherType;
            var runUntil = RunUntilMethod;
            return Timing.Measure(n, warmup, () => () =>
            {
                var source = cancellable ? new CancellationTokenSource() : null;
                var task = (Task)describe.Invoke(client, new object[] { name, source?.Token ?? CancellationToken.None });
                if (waitLikeDispatcher)
                {
                    var dispatcher = Activator.CreateInstance(dispatcherType, true);
                    runUntil.Invoke(dispatcher, new object[] { task });
                }

                task.GetAwaiter().GetResult();
                source?.Dispose();
            }, true);
        }

        /// <summary>
        /// The floor again, but inside this pwsh process and called like the engine is called (from the
        /// pipeline thread, async work awaited synchronously): the signed request replayed with one
        /// HttpClient. Separates the SDK's own cost from the cost of crossing threads in this process.
        /// </summary>
        public static Timing TimeRawHttp(int n, int warmup, string signedRequestPath)
        {
            using (var spec = JsonDocument.Parse(File.ReadAllText(signedRequestPath)))
            using (var handler = new System.Net.Http.SocketsHttpHandler { UseProxy = false, UseCookies = false })
            using (var client = new System.Net.Http.HttpClient(handler))
            {
                var root = spec.RootElement;
                var url = new Uri(root.GetProperty("url").GetString());
                var body = System.Text.Encoding.UTF8.GetBytes(root.GetProperty("body").GetString());
                var headers = root.GetProperty("headers").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString())).ToList();
                return Timing.Measure(n, warmup, () => () =>
                {
                    var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, url) { Content = new System.Net.Http.ByteArrayContent(body) };
                    foreach (var header in headers)
                    {
                        if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                        {
                            request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                        }
                        else if (!header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
                        {
                            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                        }
                    }

                    using (var response = client.SendAsync(request).GetAwaiter().GetResult())
                    {
                        response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                    }
                }, true);
            }
        }

        /// <summary>
        /// The engine's parse of one response body, n times: its ReadBody, the source-generated
        /// read plus the keeping of members newer than the module (nothing to do for a body that has none).
        /// </summary>
        public static Timing TimeParse(int n, int warmup, object client, byte[] body)
        {
            var engineAssembly = client.GetType().Assembly;
            var unmarshaller = engineAssembly.GetType("AutoMLV2.Engine.Client.DescribeAutoMLJobV2ResponseUnmarshaller", true);
            var readBody = unmarshaller.BaseType.GetMethod("ReadBody", Any);
            return Timing.Measure(n, warmup, () => () =>
            {
                using (var stream = new MemoryStream(body, false))
                {
                    readBody.Invoke(null, new object[] { stream, "DescribeAutoMLJobV2", null, null, null });
                }
            }, false);
        }
    }
}
