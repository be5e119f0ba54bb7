// THE ONE PLACE FOR DISPLAY RULES. Every view in module/AutoMLV2.format.ps1xml is a one-line call
// of a formatter here ([AutoMLV2.Formatting.Display]::Duration($_.Duration)), the ToString of every
// model type (ModelText.cs) is built from them, and so is Wait-AutoMLJobV2's progress text. A rule
// written a second time anywhere else is a bug: move it here. Public only because format files
// call it; the members only C# uses are internal.
//
// Conventions: numbers use the invariant culture (a metric reads the same on every machine),
// timestamps the reader's culture, as Get-Date shows them; a public formatter with nothing to show
// returns an empty string, never null; map keys are in ordinal order, so the text depends on
// neither the wire order nor the culture; "Lines" formatters put one item a line, for list views.
namespace AutoMLV2.Formatting;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Management.Automation;
using AutoMLV2.Model;

public static class Display
{
    private const string LineBreak = "\n";
    private const string Comma = ", ";

    // ---- time ---------------------------------------------------------------------------------------

    /// <summary>
    /// How long something took: "3m 05s" under an hour, "1h 02m" under a day, "1d 02h" from a day
    /// on; a negative span (clocks that disagree) reads as "0m 00s"; empty for null.
    /// </summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } span)
        {
            return string.Empty;
        }

        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 1 ? Invariant("{0}d {1:00}h", span.Days, span.Hours)
            : span.TotalHours >= 1 ? Invariant("{0}h {1:00}m", span.Hours, span.Minutes)
            : Invariant("{0}m {1:00}s", span.Minutes, span.Seconds);
    }

    /// <summary>A point in time as the short date and time of the current culture ("1/15/2025 9:30 AM"); empty for null.</summary>
    public static string Timestamp(DateTime? time) =>
        time?.ToString("g", CultureInfo.CurrentCulture) ?? string.Empty;

    /// <summary>A status with its secondary status, as messages, progress and tooltips show it ("InProgress/TrainingModels"); "Unknown" when neither is set.</summary>
    public static string Status(string? status, string? secondaryStatus)
    {
        var text = TextParts.Join("/", status, secondaryStatus);
        return text.Length == 0 ? "Unknown" : text;
    }

    // ---- numbers and metrics ------------------------------------------------------------------------

    /// <summary>A number in running text: up to four decimals, no trailing zeros ("0.2", "14", "0.9123"); empty for null.</summary>
    public static string Number(double? value) => Decimal(value, "0.####");

    /// <summary>
    /// A metric value for a table column: four decimals, so a column lines up ("0.2500"), in at
    /// most <see cref="MetricColumnWidth"/> characters: a value too large for that keeps as many
    /// decimals as fit, then goes to exponent form ("625000000.0", "1.2346E+15"), so that a large
    /// value (a squared error of prices) is never cut off in a fixed-width column; empty for null.
    /// </summary>
    public static string MetricValue(double? value)
    {
        var text = Decimal(value, "0.0000");
        if (text.Length <= MetricColumnWidth || value is not { } number)
        {
            return text;
        }

        for (var decimals = 3; decimals >= 0; decimals--)
        {
            text = number.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Length <= MetricColumnWidth)
            {
                return text;
            }
        }

        for (var digits = 4; digits > 0; digits--)
        {
            text = number.ToString("0." + new string('#', digits) + "E+0", CultureInfo.InvariantCulture);
            if (text.Length <= MetricColumnWidth)
            {
                return text;
            }
        }

        return number.ToString("0E+0", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The name a metric is shown by, in every view and ToString: the API's MetricName, falling
    /// back to StandardMetricName when MetricName is absent. MetricName is the member the API
    /// requires of an objective metric (StandardMetricName is optional there), and the one the job
    /// table has always shown.
    /// </summary>
    public static string MetricName(string? metricName, string? standardMetricName) =>
        metricName ?? standardMetricName ?? string.Empty;

    /// <summary>The name of the best candidate's objective metric, for the Wide job table's Metric column.</summary>
    public static string ObjectiveMetricName(AutoMLCandidate? candidate) =>
        candidate?.FinalAutoMLJobObjectiveMetric is { } metric ? MetricName(metric.MetricName, metric.StandardMetricName) : string.Empty;

    /// <summary>The value of the best candidate's objective metric, for the job tables' Objective (default) and Value (Wide) columns.</summary>
    public static string ObjectiveMetricValue(AutoMLCandidate? candidate) =>
        MetricValue(candidate?.FinalAutoMLJobObjectiveMetric?.Value);

    /// <summary>"validation:f1 = 0.9123".</summary>
    internal static string Metric(string? metricName, string? standardMetricName, double? value) =>
        TextParts.Join(" = ", MetricName(metricName, standardMetricName), Number(value));

    /// <summary>"MaxRuntime=3600s": a whole number of seconds with its label.</summary>
    internal static string? Seconds(string prefix, int? seconds, string suffix = "") =>
        seconds is null ? null : prefix + Number(seconds) + "s" + suffix;

    // ---- fixed-width tables -------------------------------------------------------------------------

    // The default AutoMLJobV2 table has fixed column widths (module/AutoMLV2.format.ps1xml), so that
    // it is the same at 80 columns as at 200 and PowerShell never wraps a header: AutoMLJobName 32
    // (the API's longest name), Status 10, ProblemType 14, Objective 11 (MetricColumnWidth),
    // Duration 8 ("999d 23h"), and four separators: 79 characters, what an 80-column console
    // writes on a line. The MetricDatum table: MetricName and StandardMetricName 27 (the longest
    // metric names of the API), Set 10, Value 11, and three separators: 78. The candidate table (the
    // leaderboard): Rank 4, CandidateName 42 (the API allows 64; realistic names are 30 to 50, a
    // longer one wraps onto a second line rather than lose its end, which tells candidates apart),
    // Status 10, Objective 11, Duration 8, and four separators: 79. The objective's name is the
    // same for every candidate of a job, so it heads the job's rows (CandidateGroup) instead of
    // taking a column that most of 80 would go to.

    /// <summary>The width of every metric value column (the job table's Objective, MetricDatum's Value).</summary>
    internal const int MetricColumnWidth = 11;

    // The problem types longer than the 14-character ProblemType column, as that column shows them.
    private static readonly Dictionary<string, string> ShortProblemTypes = new(StringComparer.Ordinal)
    {
        ["TimeSeriesForecasting"] = "TimeSeries",
        ["ImageClassification"] = "ImageClassif",
        ["TextClassification"] = "TextClassif",
    };

    /// <summary>
    /// A problem type for the default job table's 14-character ProblemType column: the API's name
    /// (Tabular, TextGeneration), except the three that are longer: TimeSeriesForecasting reads
    /// TimeSeries, ImageClassification ImageClassif, TextClassification TextClassif. A name the
    /// module does not know is shown as it comes; empty for null.
    /// </summary>
    public static string ShortProblemType(string? problemType) =>
        problemType is null ? string.Empty
        : ShortProblemTypes.TryGetValue(problemType, out var shortName) ? shortName
        : problemType;

    // ---- lists and maps -----------------------------------------------------------------------------

    /// <summary>One item a line, each as its ToString (a null item is an empty line); empty for null.</summary>
    public static string Lines(IEnumerable? items) => items switch
    {
        null => string.Empty,
        string text => text,
        _ => string.Join(LineBreak, items.Cast<object?>().Select(item => item?.ToString())),
    };

    /// <summary>"key=value" pairs, comma-joined, keys in ordinal order ("a=1, b=2"); empty for null or an empty map.</summary>
    public static string Pairs(IDictionary<string, string>? map) => string.Join(Comma, PairTexts(map));

    /// <summary>As <see cref="Pairs"/>, one pair a line.</summary>
    public static string PairLines(IDictionary<string, string>? map) => string.Join(LineBreak, PairTexts(map));

    /// <summary>TimeSeriesTransformations.Filling, one column a line with its filling rules: "price: backfill=value, middlefill=zero".</summary>
    public static string FillingLines(IDictionary<string, Dictionary<string, string>>? filling) =>
        string.Join(LineBreak, ByKey(filling).Select(column => column.Key + ": " + Pairs(column.Value)));

    /// <summary>As <see cref="FillingLines"/>, on one line: "price(backfill=value, middlefill=zero), sales(frontfill=none)".</summary>
    internal static string Filling(IDictionary<string, Dictionary<string, string>>? filling) =>
        string.Join(Comma, ByKey(filling).Select(column => column.Key + TextParts.Paren(Pairs(column.Value))));

    /// <summary>
    /// A candidate's InferenceContainerDefinitions, one container a line after its processing
    /// unit: "CPU: image (model s3://…, 1 env var)". A unit with no containers still has its line.
    /// </summary>
    public static string ContainerDefinitionLines(IDictionary<string, AutoMLContainerDefinition[]>? definitions) =>
        string.Join(
            LineBreak,
            ByKey(definitions).SelectMany(unit =>
                (unit.Value ?? new AutoMLContainerDefinition?[] { null }).Select(container => unit.Key + ": " + container)));

    // ---- candidates and artifacts -------------------------------------------------------------------

    /// <summary>
    /// The best candidate in the job's list view, one fact a line: "name (status)", its objective
    /// metric, "3 candidate metrics, 2 steps"; empty for null.
    /// </summary>
    public static string CandidateSummary(AutoMLCandidate? candidate)
    {
        if (candidate is null)
        {
            return string.Empty;
        }

        var counts = TextParts.Count(candidate.CandidateProperties?.CandidateMetrics?.Length ?? 0, "candidate metric")
            + Comma + TextParts.Count(candidate.CandidateSteps?.Length ?? 0, "step");
        var lines = new[]
        {
            candidate.CandidateName + TextParts.Prefixed(" ", TextParts.Paren(candidate.CandidateStatus)),
            candidate.FinalAutoMLJobObjectiveMetric?.ToString(),
            counts,
        };
        return string.Join(LineBreak, lines.Where(line => line is not null));
    }

    /// <summary>
    /// The heading of a leaderboard in the candidate table, once per job: "churn-0115 (objective
    /// validation:f1, Maximize)". The objective is the one the leaderboard was ranked by (so the
    /// candidates without a value share the heading), else the candidate's own; empty for null.
    /// </summary>
    public static string CandidateGroup(AutoMLCandidate? candidate)
    {
        if (candidate is null)
        {
            return string.Empty;
        }

        var objective = candidate.LeaderboardObjective ?? candidate.FinalAutoMLJobObjectiveMetric;
        var metric = objective is null ? null : TextParts.Prefixed("objective ", TextParts.Join(", ", MetricName(objective.MetricName, objective.StandardMetricName), objective.Type));
        var where = candidate.ShowOrigin ? TextParts.Prefixed("in ", Origin(candidate)) : null;
        return TextParts.Join(" ", candidate.AutoMLJobName, TextParts.Paren(metric), where);
    }

    /// <summary>The heading of a group of jobs from one place in the origin table: "   Origin: eu-west-1, account 111122223333, profile prod", wrapped to fit 80 columns.</summary>
    public static string OriginHeading(object? item) => Heading("Origin", Origin(item));

    /// <summary>The heading of one job's leaderboard: "   AutoMLJobName: churn-0115 (objective validation:f1, Maximize)", wrapped to fit 80 columns.</summary>
    public static string CandidateHeading(AutoMLCandidate? candidate) => Heading("AutoMLJobName", CandidateGroup(candidate));

    /// <summary>
    /// A group heading laid out as PowerShell lays out a GroupBy label ("   Label: text"), but wrapped
    /// between words so that no line is longer than 79 characters (what an 80-column console writes on
    /// a line: PowerShell would cut a longer heading at the console's width, in the middle of a word);
    /// the lines after the first are indented under the text. A word longer than a line stays whole.
    /// </summary>
    internal static string Heading(string label, string text)
    {
        const int Width = 79;
        var first = "   " + label + ": ";
        var indent = new string(' ', first.Length);
        var lines = new List<string>();
        var line = new StringBuilder(first);
        var start = first.Length;
        foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > Width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(indent);
            }
            else if (line.Length > start)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(line.ToString());
        return string.Join(LineBreak, lines);
    }

    /// <summary>Where a job or candidate came from: "eu-west-1, account 111122223333, profile prod"; empty when nothing is known.</summary>
    public static string Origin(object? item) => item switch
    {
        AutoMLJobV2 job => Origin(job.Region, job.AccountId, job.ProfileName),
        AutoMLCandidate candidate => Origin(candidate.Region, candidate.AccountId, candidate.ProfileName),
        _ => string.Empty,
    };

    private static string Origin(string? region, string? accountId, string? profileName)
        => TextParts.Join(", ", region, TextParts.Prefixed("account ", accountId), TextParts.Prefixed("profile ", profileName));

    /// <summary>A candidate's metrics (CandidateProperties.CandidateMetrics), one a line.</summary>
    public static string CandidateMetricLines(CandidateProperties? properties) => Lines(properties?.CandidateMetrics);

    /// <summary>The job's notebooks, one a line: "CandidateDefinitionNotebook: s3://…".</summary>
    public static string JobArtifactLines(AutoMLJobArtifacts? artifacts) =>
        TextParts.Join(LineBreak, Artifacts(artifacts));

    /// <summary>A candidate's reports (CandidateProperties.CandidateArtifactLocations), one a line: "Explainability: s3://…".</summary>
    public static string CandidateArtifactLines(CandidateProperties? properties) =>
        TextParts.Join(LineBreak, Artifacts(properties?.CandidateArtifactLocations));

    internal static string?[] Artifacts(AutoMLJobArtifacts? artifacts) => new[]
    {
        TextParts.Prefixed("CandidateDefinitionNotebook: ", artifacts?.CandidateDefinitionNotebookLocation),
        TextParts.Prefixed("DataExplorationNotebook: ", artifacts?.DataExplorationNotebookLocation),
    };

    internal static string?[] Artifacts(CandidateArtifactLocations? locations) => new[]
    {
        TextParts.Prefixed("Explainability: ", locations?.Explainability),
        TextParts.Prefixed("ModelInsights: ", locations?.ModelInsights),
        TextParts.Prefixed("BacktestResults: ", locations?.BacktestResults),
    };

    // ---- members newer than the module ---------------------------------------------------------------

    /// <summary>
    /// The members of <paramref name="model"/> that are newer than this module (Model/NewerMembers.cs),
    /// one a line: "Name: value", a structure as "A=1, B=[x, y]" with nested ones in braces
    /// ("Nested={C=True}"); empty when it has none.
    /// </summary>
    public static string NewerMemberLines(object? model) => string.Join(LineBreak, NewerMemberTexts(model));

    /// <summary>Whether <paramref name="model"/> has members newer than this module: the list views show their NewerMembers item only then.</summary>
    public static bool HasNewerMembers(object? model) => NewerMembers.Of(model).Count > 0;

    /// <summary>As <see cref="NewerMemberLines"/>, joined with "; ": the newer member of a union in its ToString.</summary>
    internal static string NewerMemberText(object model) => string.Join("; ", NewerMemberTexts(model));

    private static IEnumerable<string> NewerMemberTexts(object? model) =>
        NewerMembers.Of(model).Select(member => TextParts.Join(": ", member.Key, PlainValue(member.Value, nested: false)));

    /// <summary>A newer member's value: numbers invariant and exact, lists in brackets, structures as Name=value pairs.</summary>
    private static string PlainValue(object? value, bool nested) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "True" : "False",
        PSObject structure => nested ? "{" + StructureText(structure) + "}" : StructureText(structure),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(Comma, items.Cast<object?>().Select(item => PlainValue(item, nested: true))) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static string StructureText(PSObject structure) =>
        string.Join(Comma, NewerMembers.MembersOf(structure).Select(member => member.Key + "=" + PlainValue(member.Value, nested: true)));

    // ---- helpers ------------------------------------------------------------------------------------

    // Below 0.0001 both formats would round a real value to 0 (a latency of 1.234E-05, a tiny
    // loss), so such a value keeps four significant digits instead.
    private static string Decimal(double? value, string format)
    {
        if (value is not { } number)
        {
            return string.Empty;
        }

        return number != 0 && Math.Abs(number) < 0.0001
            ? number.ToString("G4", CultureInfo.InvariantCulture)
            : number.ToString(format, CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> PairTexts(IDictionary<string, string>? map) =>
        ByKey(map).Select(pair => pair.Key + "=" + pair.Value);

    private static IEnumerable<KeyValuePair<string, T>> ByKey<T>(IDictionary<string, T>? map) =>
        map is null ? Enumerable.Empty<KeyValuePair<string, T>>() : map.OrderBy(pair => pair.Key, StringComparer.Ordinal);

    private static string Invariant(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
