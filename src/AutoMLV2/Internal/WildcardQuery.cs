namespace AutoMLV2.Internal;

using System.Collections.Generic;
using System.Text;

/// <summary>
/// Turns a PowerShell wildcard pattern into the best <c>NameContains</c> filter for ListAutoMLJobs:
/// the longest run of literal characters that a job name can contain. The pattern itself is still
/// matched on our side, so the filter only has to be a necessary condition.
/// </summary>
internal static class WildcardQuery
{
    public static string? NameContains(string pattern)
    {
        string? best = null;
        foreach (var run in LiteralRuns(pattern))
        {
            foreach (var piece in SplitOnInvalid(run))
            {
                if (piece.Length > (best?.Length ?? 0))
                {
                    best = piece;
                }
            }
        }

        // NameContains allows 63 characters; no job name is longer than 32 anyway.
        return best is { Length: > 63 } ? best.Substring(0, 63) : best;
    }

    /// <summary>The runs of literal characters between <c>*</c>, <c>?</c> and <c>[…]</c>, with backtick escapes resolved.</summary>
    internal static IEnumerable<string> LiteralRuns(string pattern)
    {
        var run = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                run.Append(pattern[++i]);
                continue;
            }

            if (c is '*' or '?' or '[')
            {
                if (run.Length > 0)
                {
                    yield return run.ToString();
                    run.Clear();
                }

                if (c == '[')
                {
                    // Skip the character class up to its closing bracket.
                    while (i + 1 < pattern.Length && pattern[i + 1] != ']')
                    {
                        i++;
                    }

                    i++;
                }

                continue;
            }

            run.Append(c);
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    private static IEnumerable<string> SplitOnInvalid(string run)
    {
        var piece = new StringBuilder();
        foreach (var c in run)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
            {
                piece.Append(c);
            }
            else if (piece.Length > 0)
            {
                yield return piece.ToString();
                piece.Clear();
            }
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }
}
