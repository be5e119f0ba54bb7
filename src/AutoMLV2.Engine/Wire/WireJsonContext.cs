namespace AutoMLV2.Engine.Wire;

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMLV2.Model;

/// <summary>
/// Source-generated System.Text.Json metadata for the responses: no reflection on the hot path.
/// Bodies are read through <see cref="WireContract"/>, which adds to this contract what keeps the
/// members the model does not know (new fields, new union members; <see cref="NewerMemberReader"/>);
/// enum values are plain strings, so values we have never seen are kept. A response class added
/// here is covered by both without more.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = new[] { typeof(EpochSecondsConverter) })]
[JsonSerializable(typeof(AutoMLJobV2))]
[JsonSerializable(typeof(ListAutoMLJobsResult))]
[JsonSerializable(typeof(ListCandidatesForAutoMLJobResult))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
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
