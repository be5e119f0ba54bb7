namespace AutoMLV2.Tests.Support;

using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

/// <summary>Process-wide settings for the test run, applied when the test assembly loads.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// The engine's resolver reads an injected environment, but AWSSDK.Core reads the real one, and
    /// some of its credential types contact the EC2 instance metadata service (IMDS) as soon as they
    /// are constructed: AWSSDK.Core 4.1.0's <c>new InstanceProfileAWSCredentials()</c> asks IMDS for
    /// the role name even when AWS_EC2_METADATA_DISABLED is true. No test may send anything to the
    /// metadata address, so before any SDK type is touched the SDK's IMDS endpoint is pointed at a
    /// closed loopback port, and IMDS is declared disabled.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + ClosedLoopbackPort() + "/");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string ReadFixture(string name) => File.ReadAllText(FixturePath(name));

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
