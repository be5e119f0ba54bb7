namespace AutoMLV2.Tests.Internal;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AutoMLV2.Internal;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// One job's leaderboard over the fake client: direction from the objective's Type, standard
/// competition ranks in the service's order, unscored candidates held to the end wherever they come,
/// one page per call, the filter applied after ranking.
/// </summary>
public sealed class CandidateLeaderboardTests
{
    private const string Job = "churn-tabular-0115";
    private readonly FakeAutoMLClient client = new();
    private readonly RecordingLog log = new();

    [Fact]
    public async Task AMaximizedObjectiveIsOneRequestHighestFirstRankedOneToN()
    {
        client.AddCandidates(Job, Enumerable.Range(1, 250).Select(i => Jobs.Candidate($"c{i:000}", i / 1000d)));

        var all = await ReadAll(Board());

        Assert.Equal(250, all.Count);
        Assert.Equal(Enumerable.Range(1, 250), all.Select(c => c.Rank!.Value));
        Assert.Equal(Enumerable.Range(1, 250).Reverse().Select(i => $"c{i:000}"), all.Select(c => c.CandidateName));
        var query = Assert.Single(client.CandidateQueries);
        Assert.Equal(("FinalObjectiveMetricValue", "Descending", 300, null), (query.SortBy, query.SortOrder, query.MaxResults, query.NextToken));
        Assert.Equal(Job, query.AutoMLJobName);
        Assert.Null(query.StatusEquals);
        Assert.Null(query.CandidateNameEquals);
        Assert.All(all, c => Assert.Equal(Job, c.AutoMLJobName));
        Assert.All(all, c => Assert.Equal("validation:f1", c.LeaderboardObjective!.MetricName));
    }

    [Fact]
    public async Task AMinimizedObjectiveOverSeveralPagesIsListedAgainLowestFirstAndSaysSo()
    {
        client.AddCandidates(Job, Enumerable.Range(1, 700).Select(i => Jobs.Candidate($"c{i:000}", i * 0.5, "Minimize", metric: "validation:mse")));

        var all = await ReadAll(Board());

        Assert.Equal(Enumerable.Range(1, 700).Select(i => $"c{i:000}"), all.Select(c => c.CandidateName));
        Assert.Equal(Enumerable.Range(1, 700), all.Select(c => c.Rank!.Value));
        Assert.Equal(
            new[] { ("Descending", (string?)null), ("Ascending", null), ("Ascending", "Ascending:300"), ("Ascending", "Ascending:600") },
            client.CandidateQueries.Select(q => (q.SortOrder!, q.NextToken)));
        Assert.Contains(log.VerboseLines, l => l.Contains("'churn-tabular-0115'") && l.Contains("validation:mse (Minimize) is minimized") && l.Contains("listed again lowest first"));
    }

    [Fact]
    public async Task AMinimizedObjectiveOnOnePageIsReadBackwardsWithoutAskingAgain()
    {
        client.AddCandidates(Job, Enumerable.Range(1, 250).Select(i => Jobs.Candidate($"c{i:000}", i * 0.5, "Minimize", metric: "RMSE")));

        var all = await ReadAll(Board());

        Assert.Single(client.CandidateQueries);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"c{i:000}"), all.Select(c => c.CandidateName));
        Assert.Equal(Enumerable.Range(1, 250), all.Select(c => c.Rank!.Value));
        Assert.Contains(log.VerboseLines, l => l.Contains("RMSE (Minimize) is minimized") && l.Contains("without asking again"));
    }

    [Theory]
    [InlineData("Maximize")]
    [InlineData("Minimize")]
    public async Task TiedValuesShareARankAndTheNextRankSkipsEvenAcrossAPageBoundary(string type)
    {
        // Candidate i is the i-th best. Positions 300 and 301 tie (the first page ends between
        // them), and 400, 401 and 402.
        var values = Enumerable.Range(1, 700).Select(i => type == "Maximize" ? 1000d - i : i).ToArray();
        values[300] = values[299];
        values[400] = values[401] = values[399];
        client.AddCandidates(Job, values.Select((v, i) => Jobs.Candidate($"c{i + 1:000}", v, type)));

        var all = await ReadAll(Board());

        Assert.Equal(Enumerable.Range(1, 700).Select(i => $"c{i:000}"), all.Select(c => c.CandidateName));
        Assert.Equal(Enumerable.Range(1, 700).Select(p => p is 301 ? 300 : p is 401 or 402 ? 400 : p), all.Select(c => c.Rank!.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnscoredCandidatesAreHeldWhereverTheyComeAndWrittenLastWithoutARank(bool unscoredFirst)
    {
        client.UnscoredFirst = unscoredFirst;
        client.AddCandidates(Job, Enumerable.Range(1, 650).Select(i => Jobs.Candidate($"c{i:000}", i / 1000d)));
        client.AddCandidates(Job, Enumerable.Range(1, 50).Select(i => Jobs.Candidate($"failed-{i:00}", null, status: "Failed")));

        var all = await ReadAll(Board());

        Assert.Equal(700, all.Select(c => c.CandidateName).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 650), all.Take(650).Select(c => c.Rank!.Value));
        Assert.All(all.Skip(650), c => Assert.Null(c.Rank));
        Assert.All(all.Skip(650), c => Assert.StartsWith("failed-", c.CandidateName));
        Assert.All(all.Skip(650), c => Assert.Equal("validation:f1", c.LeaderboardObjective!.MetricName));
    }

    [Theory]
    [InlineData(400, "Descending:, Descending:300, Ascending:, Ascending:300, Ascending:600")]
    [InlineData(100, "Descending:, Descending:300")]
    public async Task AMinimizedObjectiveFoundOnlyOnALaterPageIsRankedWithoutLosingOrRepeatingAnyone(int scored, string queries)
    {
        // 350 failed candidates first: the first page has nothing scored; the second says Minimize
        // and is not the last (listed again lowest first), or is the last (read backwards).
        client.UnscoredFirst = true;
        client.AddCandidates(Job, Enumerable.Range(1, 350).Select(i => Jobs.Candidate($"failed-{i:000}", null, status: "Failed")));
        client.AddCandidates(Job, Enumerable.Range(1, scored).Select(i => Jobs.Candidate($"c{i:000}", i * 1.5, "Minimize", metric: "MAE")));

        var all = await ReadAll(Board());

        Assert.Equal(350 + scored, all.Select(c => c.CandidateName).Distinct().Count());
        Assert.Equal(350 + scored, all.Count);
        Assert.Equal(Enumerable.Range(1, scored).Select(i => $"c{i:000}"), all.Take(scored).Select(c => c.CandidateName));
        Assert.Equal(Enumerable.Range(1, scored), all.Take(scored).Select(c => c.Rank!.Value));
        Assert.Equal(queries, string.Join(", ", client.CandidateQueries.Select(q => q.SortOrder + ":" + q.NextToken?.Split(':')[1])));
    }

    [Fact]
    public async Task EachCallAsksForOnePageSoTheCallerDecidesWhenTheNextIsSent()
    {
        client.AddCandidates(Job, Enumerable.Range(1, 700).Select(i => Jobs.Candidate($"c{i:000}", i / 1000d)));
        var board = Board();

        var first = await board.NextAsync();

        Assert.Equal(300, first.Count);
        Assert.Single(client.CandidateQueries);
        Assert.False(board.Finished);
        await board.NextAsync();
        Assert.Equal(2, client.CandidateQueries.Count);
        Assert.Equal(100, (await board.NextAsync()).Count);
        Assert.True(board.Finished);
        Assert.Equal(3, board.Requests);
        await Assert.ThrowsAsync<InvalidOperationException>(board.NextAsync);
    }

    [Theory]
    [InlineData("Balance")]
    [InlineData(null)]
    public async Task AnObjectiveTypeThatIsNotMinimizeKeepsHighestFirstAndUnknownValuesStayAsTheyCame(string? type)
    {
        client.AddCandidates(Job, new[]
        {
            Candidate("c1", 0.7, type, "Paused", "validation:f1_binary"),
            Candidate("c2", 0.9, type, "Completed", "validation:f1_binary"),
        });

        var all = await ReadAll(Board());

        Assert.Single(client.CandidateQueries);
        Assert.Equal(new[] { "c2", "c1" }, all.Select(c => c.CandidateName));
        Assert.Equal("Paused", all[1].CandidateStatus);
        Assert.Equal("validation:f1_binary", all[1].FinalAutoMLJobObjectiveMetric!.MetricName);
        Assert.Equal(type, all[1].FinalAutoMLJobObjectiveMetric!.Type);
    }

    [Fact]
    public async Task ANaNValueCountsAsNoValue()
    {
        client.AddCandidates(Job, new[] { Jobs.Candidate("c1", 0.5), Jobs.Candidate("odd", double.NaN), Jobs.Candidate("c2", 0.4) });
        client.UnscoredFirst = true;

        var all = await ReadAll(Board());

        Assert.Equal(new[] { ("c1", (int?)1), ("c2", 2), ("odd", null) }, all.Select(c => (c.CandidateName!, c.Rank)));
    }

    [Fact]
    public async Task TheFilterPicksAfterRankingSoARankIsThePlaceInTheWholeLeaderboard()
    {
        client.AddCandidates(Job, Enumerable.Range(1, 10).Select(i => Jobs.Candidate($"{(i % 2 == 0 ? "xgb" : "lgbm")}-{i:00}", i / 100d)));

        var all = await ReadAll(Board(include: c => c.CandidateName!.StartsWith("xgb", StringComparison.Ordinal)));

        Assert.Equal(new[] { ("xgb-10", 1), ("xgb-08", 3), ("xgb-06", 5), ("xgb-04", 7), ("xgb-02", 9) }, all.Select(c => (c.CandidateName!, c.Rank!.Value)));
    }

    [Fact]
    public async Task TheStatusIsSentAsGiven()
    {
        client.AddCandidates(Job, new[] { Jobs.Candidate("c1", 0.5), Jobs.Candidate("c2", null, status: "Failed") });

        var all = await ReadAll(Board(status: "Failed"));

        Assert.Equal("Failed", Assert.Single(client.CandidateQueries).StatusEquals);
        Assert.Equal(("c2", (int?)null), (Assert.Single(all).CandidateName!, all[0].Rank));
    }

    [Fact]
    public async Task AbandoningHandsOutTheHeldUnscoredCandidates()
    {
        client.UnscoredFirst = true;
        client.AddCandidates(Job, Enumerable.Range(1, 5).Select(i => Jobs.Candidate($"failed-{i}", null, status: "Failed")));
        client.AddCandidates(Job, Enumerable.Range(1, 400).Select(i => Jobs.Candidate($"c{i:000}", i / 1000d)));
        var board = Board();

        var first = await board.NextAsync();
        var held = board.Abandon();

        Assert.Equal(295, first.Count);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"failed-{i}"), held.Select(c => c.CandidateName));
        Assert.All(held, c => Assert.Null(c.Rank));
        Assert.True(board.Finished);
    }

    [Fact]
    public async Task AMissingJobIsTheErrorOfTheFirstRequest()
    {
        var error = await Assert.ThrowsAsync<AutoMLServiceException>(Board().NextAsync);

        Assert.Equal(AutoMLErrorKind.NotFound, error.Kind);
    }

    private static AutoMLCandidate Candidate(string name, double value, string? type, string status, string metric)
    {
        var candidate = Jobs.Candidate(name, value, "x", status, metric);
        candidate.FinalAutoMLJobObjectiveMetric!.Type = type;
        return candidate;
    }

    private static async Task<List<AutoMLCandidate>> ReadAll(CandidateLeaderboard board)
    {
        var all = new List<AutoMLCandidate>();
        while (!board.Finished)
        {
            all.AddRange(await board.NextAsync());
        }

        return all;
    }

    private CandidateLeaderboard Board(string? status = null, Func<AutoMLCandidate, bool>? include = null)
        => new(Job, status, q => client.ListCandidatesForAutoMLJobAsync(q, default), include ?? (_ => true), log);
}
