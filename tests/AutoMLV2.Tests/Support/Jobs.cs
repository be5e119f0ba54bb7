namespace AutoMLV2.Tests.Support;

using System;
using AutoMLV2.Model;

/// <summary>Builders for job objects, list summaries and service errors.</summary>
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

    public static AutoMLServiceException Error(AutoMLErrorKind kind, int? statusCode = null, string? code = null)
        => kind == AutoMLErrorKind.InvalidResponse
            ? new AutoMLResponseParseException("The response is not valid JSON.", statusCode)
            : new AutoMLServiceException(kind, $"{kind} ({statusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status"})", code ?? kind.ToString(), statusCode);
}
