namespace AutoMLV2.Tests.Support;

using System;
using AutoMLV2.Model;

/// <summary>Builders for job objects, list summaries, candidates and service errors.</summary>
internal static class Jobs
{
    public static AutoMLJobV2 Make(string name, string? status, string? secondary = null, DateTime? creationTime = null, int? maxRuntimeSeconds = null)
        => new()
        {
            AutoMLJobName = name,
            AutoMLJobArn = "arn:aws:sagemaker:us-east-1:123456789012:automl-job/" + name,
            AutoMLJobStatus = status,
            AutoMLJobSecondaryStatus = secondary,
            CreationTime = creationTime,
            ResolvedAttributes = maxRuntimeSeconds is null ? null : new AutoMLResolvedAttributes
            {
                CompletionCriteria = new AutoMLJobCompletionCriteria { MaxAutoMLJobRuntimeInSeconds = maxRuntimeSeconds },
            },
        };

    public static AutoMLJobSummary Summary(string name, string status = "Completed") => new() { AutoMLJobName = name, AutoMLJobStatus = status };

    /// <summary>A candidate with an objective value (null: none, as a failed candidate).</summary>
    public static AutoMLCandidate Candidate(string name, double? value, string type = "Maximize", string status = "Completed", string metric = "validation:f1")
        => new()
        {
            CandidateName = name,
            CandidateStatus = status,
            ObjectiveStatus = value is null ? "Failed" : "Succeeded",
            FinalAutoMLJobObjectiveMetric = value is null ? null : new FinalAutoMLJobObjectiveMetric { MetricName = metric, Type = type, Value = value },
            CandidateSteps = Array.Empty<AutoMLCandidateStep>(),
            CreationTime = WireComparer.LocalTime(1700000000),
        };

    public static AutoMLServiceException Error(AutoMLErrorKind kind, int? statusCode = null, string? code = null)
        => kind == AutoMLErrorKind.InvalidResponse
            ? new AutoMLResponseParseException("The response is not valid JSON.", statusCode)
            : new AutoMLServiceException(kind, $"{kind} ({statusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status"})", code ?? kind.ToString(), statusCode);
}
