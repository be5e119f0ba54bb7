namespace AutoMLV2.Bench;

using System;
using System.Threading.Tasks;

/// <summary>
/// <c>CannedEndpoint [serve options]</c> runs the canned SageMaker endpoint (see <see cref="Endpoint"/>);
/// <c>CannedEndpoint floor options</c> replays one signed request with a bare HttpClient (see <see cref="Floor"/>);
/// <c>CannedEndpoint poller options</c> polls scheduled jobs like the waiter, with a bare HttpClient (see <see cref="Poller"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "floor")
            {
                return await Floor.RunAsync(Options.Parse(args[1..])).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "poller")
            {
                return await Poller.RunAsync(Options.Parse(args[1..])).ConfigureAwait(false);
            }

            return await Endpoint.RunAsync(Options.Parse(args)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 2;
        }
    }
}
