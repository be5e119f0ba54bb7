namespace AutoMLV2.Bench;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

/// <summary>
/// ListCandidatesForAutoMLJob for the canned endpoint: every configured job (<c>bench-NNNN</c>) has
/// <see cref="BenchConfig.Candidates"/> candidates whose objective is <see cref="BenchConfig.Objective"/>
/// (Maximize or Minimize). Candidate i is <c>{job}-hpo-{i:000}-{hash}</c>, created i minutes after the
/// job, with a deterministic value; every 50th has failed (no objective value). A candidate is about
/// 2 KB of JSON (steps, containers, metrics, artifacts), as a real one. Sorted by
/// FinalObjectiveMetricValue (unscored last in both orders) or by CreationTime; SortOrder default
/// Ascending; MaxResults 1–300 (default 10); NextToken <c>cand-{order}-{offset}</c>, tied to its order.
/// </summary>
public static class Candidates
{
    public static (int Status, string? ErrorType, string? Message, byte[]? Body) Page(BenchConfig config, JsonElement body)
    {
        string? Text(string member) => body.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var job = Text("AutoMLJobName") ?? string.Empty;
        if (config.JobIndex(job) < 0)
        {
            return (400, "ResourceNotFound", $"AutoML job '{job}' does not exist.", null);
        }

        var order = Text("SortOrder") ?? "Ascending";
        var maxResults = body.TryGetProperty("MaxResults", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 10;
        if (maxResults is < 1 or > 300 || order is not ("Ascending" or "Descending"))
        {
            return (400, "ValidationException", "MaxResults must be between 1 and 300, SortOrder Ascending or Descending.", null);
        }

        var offset = 0;
        if (Text("NextToken") is string token)
        {
            var prefix = "cand-" + order + "-";
            if (!token.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(token.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                return (400, "ValidationException", "Invalid NextToken.", null);
            }
        }

        var descending = order == "Descending";
        IEnumerable<int> sorted;
        if (Text("SortBy") == "FinalObjectiveMetricValue")
        {
            var scored = Enumerable.Range(0, config.Candidates).Where(i => !Failed(i));
            scored = descending ? scored.OrderByDescending(Value).ThenByDescending(i => i) : scored.OrderBy(Value).ThenBy(i => i);
            sorted = scored.Concat(Enumerable.Range(0, config.Candidates).Where(Failed));
        }
        else
        {
            sorted = descending ? Enumerable.Range(0, config.Candidates).Reverse() : Enumerable.Range(0, config.Candidates);
        }

        var all = sorted.ToList();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Candidates");
            for (var k = offset; k < Math.Min(all.Count, offset + maxResults); k++)
            {
                Write(writer, job, all[k], config.Objective);
            }

            writer.WriteEndArray();
            if (offset + maxResults < all.Count)
            {
                writer.WriteString("NextToken", "cand-" + order + "-" + (offset + maxResults).ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }

        return (200, null, null, buffer.ToArray());
    }

    private static bool Failed(int i) => i % 50 == 49;

    /// <summary>A spread of values with a few ties (every 40th repeats its neighbour's).</summary>
    private static double Value(int i) => Math.Round(0.55 + (((i - (i % 40 == 39 ? 1 : 0)) * 7919 % 1000) / 2500d), 6);

    private static void Write(Utf8JsonWriter w, string job, int i, string objective)
    {
        var name = $"{job}-hpo-{i:000}-{(uint)(i * 2654435761u):x8}";
        var created = BenchConfig.BaseCreation + 600 + (i * 60d);
        var arn = "arn:aws:sagemaker:us-east-1:123456789012:";
        var bucket = $"s3://bench-bucket/output/{job}";
        var metric = objective == "Minimize" ? "validation:mse" : "validation:f1";
        var standard = objective == "Minimize" ? "MSE" : "F1";
        var value = objective == "Minimize" ? Value(i) * 100 : Value(i);

        w.WriteStartObject();
        w.WriteString("CandidateName", name);
        if (!Failed(i))
        {
            w.WriteStartObject("FinalAutoMLJobObjectiveMetric");
            w.WriteString("Type", objective);
            w.WriteString("MetricName", metric);
            w.WriteNumber("Value", value);
            w.WriteString("StandardMetricName", standard);
            w.WriteEndObject();
        }

        w.WriteString("ObjectiveStatus", Failed(i) ? "Failed" : "Succeeded");
        w.WriteStartArray("CandidateSteps");
        foreach (var (type, kind, suffix) in new[] { ("ProcessingJob", "processing-job", "dpp0"), ("TrainingJob", "training-job", "train"), ("TransformJob", "transform-job", "dpp0-rpb") })
        {
            w.WriteStartObject();
            w.WriteString("CandidateStepType", "AWS::SageMaker::" + type);
            w.WriteString("CandidateStepArn", $"{arn}{kind}/{name}-{suffix}");
            w.WriteString("CandidateStepName", $"{name}-{suffix}");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("CandidateStatus", Failed(i) ? "Failed" : "Completed");
        w.WriteNumber("CreationTime", created);
        w.WriteNumber("LastModifiedTime", created + 1810.5);
        if (Failed(i))
        {
            w.WriteString("FailureReason", "AlgorithmError: ExecuteUserScriptError: the training container ran out of memory.");
            w.WriteEndObject();
            return;
        }

        w.WriteNumber("EndTime", created + 1800.25);
        w.WriteStartArray("InferenceContainers");
        Container(w, "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-sklearn-automl:2.5-1-cpu-py3", $"{bucket}/data-processor-models/{name}-dpp0/output/model.tar.gz");
        Container(w, "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1-cpu-py3", $"{bucket}/tuning/{name}/output/model.tar.gz");
        w.WriteEndArray();
        w.WriteStartObject("CandidateProperties");
        w.WriteStartObject("CandidateArtifactLocations");
        w.WriteString("Explainability", $"{bucket}/documentation/explainability/{name}");
        w.WriteString("ModelInsights", $"{bucket}/documentation/model_monitor/{name}");
        w.WriteEndObject();
        w.WriteStartArray("CandidateMetrics");
        foreach (var (metricName, set, v) in new[] { (standard, "Validation", value), (standard, "Train", value * 1.02), ("Accuracy", "Validation", 0.91), ("AUC", "Validation", 0.95), ("LogLoss", "Validation", 0.21), ("InferenceLatency", "Validation", 1.25E-4) })
        {
            w.WriteStartObject();
            w.WriteString("MetricName", metricName);
            w.WriteString("StandardMetricName", metricName);
            w.WriteNumber("Value", v);
            w.WriteString("Set", set);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Container(Utf8JsonWriter w, string image, string model)
    {
        w.WriteStartObject();
        w.WriteString("Image", image);
        w.WriteString("ModelDataUrl", model);
        w.WriteStartObject("Environment");
        w.WriteString("SAGEMAKER_PROGRAM", "sagemaker_serve");
        w.WriteString("SAGEMAKER_SUBMIT_DIRECTORY", "/opt/ml/model/code");
        w.WriteString("MAX_CONTENT_LENGTH", "20971520");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
