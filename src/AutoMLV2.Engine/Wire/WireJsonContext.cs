namespace AutoMLV2.Engine.Wire;

using System.Text.Json.Serialization;
using AutoMLV2.Model;

/// <summary>
/// Source-generated System.Text.Json metadata for the responses: no reflection on the hot path.
/// Members the model does not know (new fields, new union members, a <c>__type</c> key inside a
/// union) are skipped; enum values are plain strings, so values we have never seen are kept.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = new[] { typeof(EpochSecondsConverter) })]
[JsonSerializable(typeof(AutoMLJobV2))]
[JsonSerializable(typeof(ListAutoMLJobsResult))]
[JsonSerializable(typeof(ListCandidatesForAutoMLJobResult))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
}

/// <summary>The ListAutoMLJobs response body.</summary>
internal sealed class ListAutoMLJobsResult
{
    public AutoMLJobSummary[]? AutoMLJobSummaries { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>The ListCandidatesForAutoMLJob response body.</summary>
internal sealed class ListCandidatesForAutoMLJobResult
{
    public AutoMLCandidate[]? Candidates { get; set; }

    public string? NextToken { get; set; }
}
