// The ToString of every model type. PowerShell's formatting falls back to ToString() for a
// property that holds an object, so without these a list view of a job shows
// "AutoMLV2.Model.AutoMLJobObjective" instead of "F1". They live here, in the Formatting folder,
// rather than beside each type: the files in Model/ are the API's shapes member for member
// (checked against the service model), and keeping all display text in one folder puts each rule
// next to every user of it. Every number, metric, map and artifact goes through Display; unset
// parts are left out.
namespace AutoMLV2.Model;

using System;
using AutoMLV2.Formatting;

public partial class AutoMLJobV2
{
    public override string ToString() => AutoMLJobName ?? string.Empty;
}

public partial class AutoMLJobSummary
{
    public override string ToString() => AutoMLJobName ?? string.Empty;
}

public partial class AutoMLAlgorithmConfig
{
    public override string ToString() => TextParts.Join(", ", AutoMLAlgorithms);
}

public partial class AutoMLCandidate
{
    public override string ToString()
    {
        var metric = FinalAutoMLJobObjectiveMetric;
        var objective = metric is null ? null : Display.Metric(metric.MetricName, metric.StandardMetricName, metric.Value);
        return TextParts.Join(" ", CandidateName, TextParts.Paren(TextParts.Join(", ", CandidateStatus, objective)));
    }
}

public partial class AutoMLCandidateStep
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

        return TextParts.Join(": ", type, CandidateStepName ?? CandidateStepArn);
    }
}

public partial class AutoMLComputeConfig
{
    public override string ToString() =>
        TextParts.Join("; ", TextParts.Union("EMR Serverless", EmrServerlessComputeConfig), Display.NewerMemberText(this));
}

public partial class EmrServerlessComputeConfig
{
    public override string ToString() => ExecutionRoleARN ?? string.Empty;
}

public partial class AutoMLContainerDefinition
{
    public override string ToString()
    {
        var details = TextParts.Join(
            ", ",
            TextParts.Prefixed("model ", ModelDataUrl),
            Environment is { Count: > 0 } env ? TextParts.Count(env.Count, "env var") : null);
        return TextParts.Join(" ", Image, TextParts.Paren(details));
    }
}

public partial class AutoMLDataSource
{
    public override string ToString() => S3DataSource?.ToString() ?? string.Empty;
}

public partial class AutoMLS3DataSource
{
    public override string ToString() => TextParts.Join(" ", S3Uri, TextParts.Paren(S3DataType));
}

public partial class AutoMLDataSplitConfig
{
    public override string ToString() =>
        TextParts.Prefixed("ValidationFraction=", Display.Number(ValidationFraction)) ?? string.Empty;
}

public partial class AutoMLJobArtifacts
{
    public override string ToString() => TextParts.Join(", ", Display.Artifacts(this));
}

public partial class AutoMLJobChannel
{
    public override string ToString()
    {
        var s3 = DataSource?.S3DataSource;

        // S3Prefix is the usual data type; only a manifest is worth pointing out here.
        var dataType = s3?.S3DataType == "S3Prefix" ? null : s3?.S3DataType;
        var details = TextParts.Join(", ", ContentType, CompressionType, dataType);
        return TextParts.Join(": ", ChannelType, TextParts.Join(" ", s3?.S3Uri, TextParts.Paren(details)));
    }
}

public partial class AutoMLJobCompletionCriteria
{
    public override string ToString() => TextParts.Join(
        ", ",
        TextParts.Prefixed("MaxCandidates=", Display.Number(MaxCandidates)),
        Display.Seconds("MaxRuntimePerTrainingJob=", MaxRuntimePerTrainingJobInSeconds),
        Display.Seconds("MaxAutoMLJobRuntime=", MaxAutoMLJobRuntimeInSeconds));

    /// <summary>The criteria as worded inside a problem type config's line: "max 10 candidates, max 3600s job runtime".</summary>
    internal string Brief() => TextParts.Join(
        ", ",
        MaxCandidates is { } n ? "max " + TextParts.Count(n, "candidate") : null,
        Display.Seconds("max ", MaxRuntimePerTrainingJobInSeconds, " per training job"),
        Display.Seconds("max ", MaxAutoMLJobRuntimeInSeconds, " job runtime"));
}

public partial class AutoMLJobObjective
{
    public override string ToString() => MetricName ?? string.Empty;
}

public partial class AutoMLOutputDataConfig
{
    public override string ToString() =>
        TextParts.Join(" ", S3OutputPath, TextParts.Paren(TextParts.Prefixed("KMS: ", KmsKeyId)));
}

public partial class AutoMLPartialFailureReason
{
    public override string ToString() => PartialFailureMessage ?? string.Empty;
}

public partial class AutoMLProblemTypeConfig
{
    // A union: exactly one member is set on a valid job, but show whatever is there, a member newer
    // than the module by its API name ("QuantumJobConfig: Qubits=5").
    public override string ToString() => TextParts.Join(
        "; ",
        TextParts.Union("Tabular", TabularJobConfig),
        TextParts.Union("TimeSeriesForecasting", TimeSeriesForecastingJobConfig),
        TextParts.Union("ImageClassification", ImageClassificationJobConfig),
        TextParts.Union("TextClassification", TextClassificationJobConfig),
        TextParts.Union("TextGeneration", TextGenerationJobConfig),
        Display.NewerMemberText(this));
}

public partial class TabularJobConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        ProblemType,
        TextParts.Quoted("target", TargetAttributeName),
        TextParts.Quoted("sample weight", SampleWeightAttributeName),
        TextParts.Prefixed("mode ", Mode),
        TextParts.Prefixed("algorithms ", TextParts.Bracket(CandidateGenerationConfig?.ToString())),
        GenerateCandidateDefinitionsOnly == true ? "candidate definitions only" : null,
        TextParts.Prefixed("features ", FeatureSpecificationS3Uri),
        CompletionCriteria?.Brief());
}

public partial class TimeSeriesForecastingJobConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        TimeSeriesConfig?.ToString(),
        TextParts.Prefixed("frequency ", ForecastFrequency),
        TextParts.Prefixed("horizon ", Display.Number(ForecastHorizon)),
        TextParts.Prefixed("quantiles ", TextParts.Bracket(TextParts.Join(", ", ForecastQuantiles))),
        TextParts.Prefixed("holidays ", TextParts.Bracket(TextParts.JoinAll(", ", HolidayConfig))),
        TextParts.Prefixed("transformations ", TextParts.Bracket(Transformations?.ToString())),
        TextParts.Prefixed("algorithms ", TextParts.Bracket(CandidateGenerationConfig?.ToString())),
        TextParts.Prefixed("features ", FeatureSpecificationS3Uri),
        CompletionCriteria?.Brief());
}

public partial class ImageClassificationJobConfig
{
    public override string ToString() => CompletionCriteria?.Brief() ?? string.Empty;
}

public partial class TextClassificationJobConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        TextParts.Quoted("content", ContentColumn),
        TextParts.Quoted("label", TargetLabelColumn),
        CompletionCriteria?.Brief());
}

public partial class TextGenerationJobConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        TextParts.Quoted("base model", BaseModelName),
        TextParts.Prefixed("hyperparameters ", TextParts.Bracket(Display.Pairs(TextGenerationHyperParameters))),
        ModelAccessConfig?.ToString(),
        CompletionCriteria?.Brief());
}

public partial class ModelAccessConfig
{
    public override string ToString() => AcceptEula switch
    {
        true => "EULA accepted",
        false => "EULA not accepted",
        null => string.Empty,
    };
}

public partial class CandidateGenerationConfig
{
    public override string ToString() => TextParts.JoinAll("; ", AlgorithmsConfig);
}

public partial class TimeSeriesConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        TextParts.Quoted("target", TargetAttributeName),
        TextParts.Quoted("timestamp", TimestampAttributeName),
        TextParts.Quoted("item", ItemIdentifierAttributeName),
        TextParts.Prefixed("grouping ", TextParts.Bracket(TextParts.Join(", ", GroupingAttributeNames))));
}

public partial class TimeSeriesTransformations
{
    public override string ToString() => TextParts.Join(
        "; ",
        TextParts.Prefixed("filling ", Display.Filling(Filling)),
        TextParts.Prefixed("aggregation ", Display.Pairs(Aggregation)));
}

public partial class HolidayConfigAttributes
{
    public override string ToString() => CountryCode ?? string.Empty;
}

public partial class AutoMLResolvedAttributes
{
    public override string ToString() => TextParts.Join(
        "; ",
        TextParts.Prefixed("objective ", AutoMLJobObjective?.ToString()),
        AutoMLProblemTypeResolvedAttributes?.ToString(),
        CompletionCriteria?.ToString());
}

public partial class AutoMLProblemTypeResolvedAttributes
{
    public override string ToString() => TextParts.Join(
        "; ",
        TextParts.Union("Tabular", TabularResolvedAttributes),
        TextParts.Union("TextGeneration", TextGenerationResolvedAttributes),
        Display.NewerMemberText(this));
}

public partial class TabularResolvedAttributes
{
    public override string ToString() => ProblemType ?? string.Empty;
}

public partial class TextGenerationResolvedAttributes
{
    public override string ToString() => TextParts.Quoted("base model", BaseModelName) ?? string.Empty;
}

public partial class AutoMLSecurityConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        TextParts.Prefixed("volume KMS key ", VolumeKmsKeyId),
        EnableInterContainerTrafficEncryption switch
        {
            true => "inter-container traffic encryption",
            false => "no inter-container traffic encryption",
            null => null,
        },
        TextParts.Prefixed("VPC ", TextParts.Paren(VpcConfig?.ToString())));
}

public partial class VpcConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        TextParts.Prefixed("security groups ", TextParts.Bracket(TextParts.Join(", ", SecurityGroupIds))),
        TextParts.Prefixed("subnets ", TextParts.Bracket(TextParts.Join(", ", Subnets))));
}

public partial class CandidateProperties
{
    public override string ToString() => TextParts.Join(
        ", ",
        CandidateMetrics is null ? null : TextParts.Count(CandidateMetrics.Length, "metric"),
        CandidateArtifactLocations?.ToString());
}

public partial class CandidateArtifactLocations
{
    public override string ToString() => TextParts.Join(", ", Display.Artifacts(this));
}

public partial class FinalAutoMLJobObjectiveMetric
{
    public override string ToString() => TextParts.Join(
        " ",
        Display.Metric(MetricName, StandardMetricName, Value),
        TextParts.Paren(Type));
}

public partial class MetricDatum
{
    public override string ToString() => TextParts.Join(
        " ",
        Display.Metric(MetricName, StandardMetricName, Value),
        TextParts.Bracket(Set));
}

public partial class ModelDeployConfig
{
    public override string ToString() => TextParts.Join(
        ", ",
        AutoGenerateEndpointName == true ? "auto-generated endpoint name" : null,
        TextParts.Quoted("endpoint", EndpointName));
}

public partial class ModelDeployResult
{
    public override string ToString() => EndpointName ?? string.Empty;
}
