namespace AutoMLV2.Internal;

using System;

/// <summary>Exponential backoff with "equal jitter": between half and all of the capped exponential delay.</summary>
internal static class Backoff
{
    /// <summary>The delay after <paramref name="failures"/> failures in a row (1 for the first).</summary>
    public static TimeSpan Delay(int failures, TimeSpan first, TimeSpan cap, Random random)
    {
        double fraction;
        lock (random)
        {
            fraction = random.NextDouble();
        }

        var exponential = Math.Min(cap.TotalSeconds, first.TotalSeconds * Math.Pow(2, Math.Min(Math.Max(failures, 1) - 1, 16)));
        return TimeSpan.FromSeconds((exponential / 2d) + (fraction * exponential / 2d));
    }
}
