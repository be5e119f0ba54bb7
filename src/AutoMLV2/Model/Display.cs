// One-line ToString overrides for the model types. PowerShell's formatting falls back to
// ToString() for a property that holds an object, so without these a list view of a job shows
// "AutoMLV2.Model.AutoMLJobObjective" instead of "F1". Numbers use the invariant culture; unset
// parts are left out.
namespace AutoMLV2.Model;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

internal static class DisplayText
{
    /// <summary>Joins the parts that are neither null nor empty.</summary>
    internal static string Join(string separator, params string?[]? parts) =>
        parts is null ? string.Empty : string.Join(separator, parts.Where(p => !string.IsNullOrEmpty(p)));

    internal static string JoinAll<T>(string separator, IEnumerable<T?>? items)
        where T : class =>
        items is null ? string.Empty : Join(separator, items.Select(i => i?.ToString()).ToArray());

    internal static string? Prefixed(string prefix, string? value) =>
        string.IsNullOrEmpty(value) ? null : prefix + value;

    internal static string? Quoted(string label, string? value) =>
        value is null ? null : label + " '" + value + "'";

    internal static string? Paren(string? value) =>
        string.IsNullOrEmpty(value) ? null : "(" + value + ")";

    internal static string? Bracket(string? value) =>
        string.IsNullOrEmpty(value) ? null : "[" + value + "]";

    /// <summary>"Name: details" for the member of a union that is set.</summary>
    internal static string? Union(string name, object? member) =>
        member is null ? null : Join(": ", name, member.ToString());

    internal static string? Number(int? value) =>
        value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Up to four decimals; very small values in exponent form rather than as 0.</summary>
    internal static string? Number(double? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        return v != 0 && Math.Abs(v) < 0.0001
            ? v.ToString("G4", CultureInfo.InvariantCulture)
            : v.ToString("0.####", CultureInfo.InvariantCulture);
    }

    internal static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>key=value pairs, keys in ordinal order so the text does not depend on the wire order.</summary>
    internal static string Pairs(IDictionary<string, string>? map) =>
        map is null
            ? string.Empty
            : string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));

    internal static string? Metric(string? name, double? value) =>
        name is null && value is null ? null : Join(" = ", name, Number(value));

    internal static string? Seconds(string prefix, int? seconds, string suffix = "") =>
        seconds is null ? null : prefix + Number(seconds) + "s" + suffix;

    /// <summary>Completion criteria as worded inside a problem type config's line.</summary>
    internal static string? Brief(AutoMLJobCompletionCriteria? criteria) =>
        criteria is null
            ? null
            : Join(
                ", ",
                criteria.MaxCandidates is { } n ? "max " + Count(n, "candidate") : null,
                Seconds("max ", criteria.MaxRuntimePerTrainingJobInSeconds, " per training job"),
                Seconds("max ", criteria.MaxAutoMLJobRuntimeInSeconds, " job runtime"));
}

public sealed partial class AutoMLJobV2
{
    public override string ToString() => AutoMLJobName ?? string.Empty;
}

public sealed partial class AutoMLJobSummary
{
    public override string ToString() => AutoMLJobName ?? string.Empty;
}

public sealed partial class AutoMLAlgorithmConfig
{
    public override string ToString() => DisplayText.Join(", ", AutoMLAlgorithms);
}

public sealed partial class AutoMLCandidate
{
    public override string ToString()
    {
        var metric = FinalAutoMLJobObjectiveMetric;
        var objective = metric is null
            ? null
            : DisplayText.Metric(metric.StandardMetricName ?? metric.MetricName, metric.Value);
        return DisplayText.Join(" ", CandidateName, DisplayText.Paren(DisplayText.Join(", ", CandidateStatus, objective)));
    }
}

public sealed partial class AutoMLCandidateStep
{
    public override string ToString()
    {
        // AWS::SageMaker::TrainingJob -> TrainingJob
        const string prefix = "AWS::SageMaker::";
        var type = CandidateStepType;
        if (type is not null && type.StartsWith(prefix, StringComparison.Ordinal))
        {
            type = type.Substring(prefix.Length);
        }

        return DisplayText.Join(": ", type, CandidateStepName ?? CandidateStepArn);
    }
}

public sealed partial class AutoMLComputeConfig
{
    public override string ToString() =>
        DisplayText.Union("EMR Serverless", EmrServerlessComputeConfig) ?? string.Empty;
}

public sealed partial class EmrServerlessComputeConfig
{
    public override string ToString() => ExecutionRoleARN ?? string.Empty;
}

public sealed partial class AutoMLContainerDefinition
{
    public override string ToString()
    {
        var details = DisplayText.Join(
            ", ",
            DisplayText.Prefixed("model ", ModelDataUrl),
            Environment is { Count: > 0 } env ? DisplayText.Count(env.Count, "env var") : null);
        return DisplayText.Join(" ", Image, DisplayText.Paren(details));
    }
}

public sealed partial class AutoMLDataSource
{
    public override string ToString() => S3DataSource?.ToString() ?? string.Empty;
}

public sealed partial class AutoMLS3DataSource
{
    public override string ToString() => DisplayText.Join(" ", S3Uri, DisplayText.Paren(S3DataType));
}

public sealed partial class AutoMLDataSplitConfig
{
    public override string ToString() =>
        DisplayText.Prefixed("ValidationFraction=", DisplayText.Number(ValidationFraction)) ?? string.Empty;
}

public sealed partial class AutoMLJobArtifacts
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Prefixed("CandidateDefinitionNotebook: ", CandidateDefinitionNotebookLocation),
        DisplayText.Prefixed("DataExplorationNotebook: ", DataExplorationNotebookLocation));
}

public sealed partial class AutoMLJobChannel
{
    public override string ToString()
    {
        var s3 = DataSource?.S3DataSource;

        // S3Prefix is the usual data type; only a manifest is worth pointing out here.
        var dataType = s3?.S3DataType == "S3Prefix" ? null : s3?.S3DataType;
        var details = DisplayText.Join(", ", ContentType, CompressionType, dataType);
        return DisplayText.Join(": ", ChannelType, DisplayText.Join(" ", s3?.S3Uri, DisplayText.Paren(details)));
    }
}

public sealed partial class AutoMLJobCompletionCriteria
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Prefixed("MaxCandidates=", DisplayText.Number(MaxCandidates)),
        DisplayText.Seconds("MaxRuntimePerTrainingJob=", MaxRuntimePerTrainingJobInSeconds),
        DisplayText.Seconds("MaxAutoMLJobRuntime=", MaxAutoMLJobRuntimeInSeconds));
}

public sealed partial class AutoMLJobObjective
{
    public override string ToString() => MetricName ?? string.Empty;
}

public sealed partial class AutoMLOutputDataConfig
{
    public override string ToString() =>
        DisplayText.Join(" ", S3OutputPath, DisplayText.Paren(DisplayText.Prefixed("KMS: ", KmsKeyId)));
}

public sealed partial class AutoMLPartialFailureReason
{
    public override string ToString() => PartialFailureMessage ?? string.Empty;
}

public sealed partial class AutoMLProblemTypeConfig
{
    // A union: exactly one member is set on a valid job, but show whatever is there.
    public override string ToString() => DisplayText.Join(
        "; ",
        DisplayText.Union("Tabular", TabularJobConfig),
        DisplayText.Union("TimeSeriesForecasting", TimeSeriesForecastingJobConfig),
        DisplayText.Union("ImageClassification", ImageClassificationJobConfig),
        DisplayText.Union("TextClassification", TextClassificationJobConfig),
        DisplayText.Union("TextGeneration", TextGenerationJobConfig));
}

public sealed partial class TabularJobConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        ProblemType,
        DisplayText.Quoted("target", TargetAttributeName),
        DisplayText.Quoted("sample weight", SampleWeightAttributeName),
        DisplayText.Prefixed("mode ", Mode),
        DisplayText.Prefixed("algorithms ", DisplayText.Bracket(CandidateGenerationConfig?.ToString())),
        GenerateCandidateDefinitionsOnly == true ? "candidate definitions only" : null,
        DisplayText.Prefixed("features ", FeatureSpecificationS3Uri),
        DisplayText.Brief(CompletionCriteria));
}

public sealed partial class TimeSeriesForecastingJobConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        TimeSeriesConfig?.ToString(),
        DisplayText.Prefixed("frequency ", ForecastFrequency),
        DisplayText.Prefixed("horizon ", DisplayText.Number(ForecastHorizon)),
        DisplayText.Prefixed("quantiles ", DisplayText.Bracket(DisplayText.Join(", ", ForecastQuantiles))),
        DisplayText.Prefixed("holidays ", DisplayText.Bracket(DisplayText.JoinAll(", ", HolidayConfig))),
        DisplayText.Prefixed("transformations ", DisplayText.Bracket(Transformations?.ToString())),
        DisplayText.Prefixed("algorithms ", DisplayText.Bracket(CandidateGenerationConfig?.ToString())),
        DisplayText.Prefixed("features ", FeatureSpecificationS3Uri),
        DisplayText.Brief(CompletionCriteria));
}

public sealed partial class ImageClassificationJobConfig
{
    public override string ToString() => DisplayText.Brief(CompletionCriteria) ?? string.Empty;
}

public sealed partial class TextClassificationJobConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Quoted("content", ContentColumn),
        DisplayText.Quoted("label", TargetLabelColumn),
        DisplayText.Brief(CompletionCriteria));
}

public sealed partial class TextGenerationJobConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Quoted("base model", BaseModelName),
        DisplayText.Prefixed("hyperparameters ", DisplayText.Bracket(DisplayText.Pairs(TextGenerationHyperParameters))),
        ModelAccessConfig?.ToString(),
        DisplayText.Brief(CompletionCriteria));
}

public sealed partial class ModelAccessConfig
{
    public override string ToString() => AcceptEula switch
    {
        true => "EULA accepted",
        false => "EULA not accepted",
        null => string.Empty,
    };
}

public sealed partial class CandidateGenerationConfig
{
    public override string ToString() => DisplayText.JoinAll("; ", AlgorithmsConfig);
}

public sealed partial class TimeSeriesConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Quoted("target", TargetAttributeName),
        DisplayText.Quoted("timestamp", TimestampAttributeName),
        DisplayText.Quoted("item", ItemIdentifierAttributeName),
        DisplayText.Prefixed("grouping ", DisplayText.Bracket(DisplayText.Join(", ", GroupingAttributeNames))));
}

public sealed partial class TimeSeriesTransformations
{
    public override string ToString()
    {
        var filling = Filling is null
            ? null
            : string.Join(
                ", ",
                Filling.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => kv.Key + DisplayText.Paren(DisplayText.Pairs(kv.Value))));
        return DisplayText.Join(
            "; ",
            DisplayText.Prefixed("filling ", filling),
            DisplayText.Prefixed("aggregation ", DisplayText.Pairs(Aggregation)));
    }
}

public sealed partial class HolidayConfigAttributes
{
    public override string ToString() => CountryCode ?? string.Empty;
}

public sealed partial class AutoMLResolvedAttributes
{
    public override string ToString() => DisplayText.Join(
        "; ",
        DisplayText.Prefixed("objective ", AutoMLJobObjective?.ToString()),
        AutoMLProblemTypeResolvedAttributes?.ToString(),
        CompletionCriteria?.ToString());
}

public sealed partial class AutoMLProblemTypeResolvedAttributes
{
    public override string ToString() => DisplayText.Join(
        "; ",
        DisplayText.Union("Tabular", TabularResolvedAttributes),
        DisplayText.Union("TextGeneration", TextGenerationResolvedAttributes));
}

public sealed partial class TabularResolvedAttributes
{
    public override string ToString() => ProblemType ?? string.Empty;
}

public sealed partial class TextGenerationResolvedAttributes
{
    public override string ToString() => DisplayText.Quoted("base model", BaseModelName) ?? string.Empty;
}

public sealed partial class AutoMLSecurityConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Prefixed("volume KMS key ", VolumeKmsKeyId),
        EnableInterContainerTrafficEncryption switch
        {
            true => "inter-container traffic encryption",
            false => "no inter-container traffic encryption",
            null => null,
        },
        DisplayText.Prefixed("VPC ", DisplayText.Paren(VpcConfig?.ToString())));
}

public sealed partial class VpcConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Prefixed("security groups ", DisplayText.Bracket(DisplayText.Join(", ", SecurityGroupIds))),
        DisplayText.Prefixed("subnets ", DisplayText.Bracket(DisplayText.Join(", ", Subnets))));
}

public sealed partial class CandidateProperties
{
    public override string ToString() => DisplayText.Join(
        ", ",
        CandidateMetrics is null ? null : DisplayText.Count(CandidateMetrics.Length, "metric"),
        CandidateArtifactLocations?.ToString());
}

public sealed partial class CandidateArtifactLocations
{
    public override string ToString() => DisplayText.Join(
        ", ",
        DisplayText.Prefixed("Explainability: ", Explainability),
        DisplayText.Prefixed("ModelInsights: ", ModelInsights),
        DisplayText.Prefixed("BacktestResults: ", BacktestResults));
}

public sealed partial class FinalAutoMLJobObjectiveMetric
{
    public override string ToString() => DisplayText.Join(
        " ",
        DisplayText.Metric(MetricName ?? StandardMetricName, Value),
        DisplayText.Paren(Type));
}

public sealed partial class MetricDatum
{
    public override string ToString() => DisplayText.Join(
        " ",
        DisplayText.Metric(MetricName ?? StandardMetricName, Value),
        DisplayText.Bracket(Set));
}

public sealed partial class ModelDeployConfig
{
    public override string ToString() => DisplayText.Join(
        ", ",
        AutoGenerateEndpointName == true ? "auto-generated endpoint name" : null,
        DisplayText.Quoted("endpoint", EndpointName));
}

public sealed partial class ModelDeployResult
{
    public override string ToString() => EndpointName ?? string.Empty;
}
