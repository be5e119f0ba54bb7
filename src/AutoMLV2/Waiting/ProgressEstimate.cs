namespace AutoMLV2.Waiting;

using System;
using AutoMLV2.Formatting;
using AutoMLV2.Model;

/// <summary>What a progress bar can say about a running job.</summary>
internal static class ProgressEstimate
{
    /// <summary>
    /// The job's MaxAutoMLJobRuntimeInSeconds, from the resolved attributes or the problem type's
    /// completion criteria; null when the job does not say.
    /// </summary>
    public static int? MaxRuntimeSeconds(AutoMLJobV2 job)
    {
        var config = job.AutoMLProblemTypeConfig;
        var value = job.ResolvedAttributes?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds
            ?? config?.TabularJobConfig?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds
            ?? config?.TimeSeriesForecastingJobConfig?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds
            ?? config?.ImageClassificationJobConfig?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds
            ?? config?.TextClassificationJobConfig?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds
            ?? config?.TextGenerationJobConfig?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds;
        return value is > 0 ? value : null;
    }

    /// <summary>
    /// Percent of the maximum runtime used so far, 0 to 99 while the job runs (it may end early,
    /// never later); 100 once it is terminal; -1 (PowerShell's "unknown") when the job has no
    /// maximum runtime or creation time.
    /// </summary>
    public static int Percent(AutoMLJobV2 job, DateTime utcNow)
    {
        if (JobStatus.IsTerminal(job.AutoMLJobStatus))
        {
            return 100;
        }

        var max = MaxRuntimeSeconds(job);
        if (max is null || job.CreationTime is null)
        {
            return -1;
        }

        var elapsed = (utcNow - job.CreationTime.Value.ToUniversalTime()).TotalSeconds;
        var percent = (int)Math.Floor(elapsed / max.Value * 100d);
        return Math.Max(0, Math.Min(99, percent));
    }

    /// <summary>Seconds left of the maximum runtime, or -1 when unknown.</summary>
    public static int SecondsRemaining(AutoMLJobV2 job, DateTime utcNow)
    {
        var max = MaxRuntimeSeconds(job);
        if (max is null || job.CreationTime is null || JobStatus.IsTerminal(job.AutoMLJobStatus))
        {
            return -1;
        }

        var left = max.Value - (utcNow - job.CreationTime.Value.ToUniversalTime()).TotalSeconds;
        return left > 0 ? (int)left : 0;
    }

    /// <summary>"InProgress/TrainingModels, 1h 02m" for the progress record's status line.</summary>
    public static string StatusLine(AutoMLJobV2 job, DateTime utcNow)
    {
        var status = WaitPlan.StatusText(job);
        return job.CreationTime is null ? status : $"{status}, {Display.Duration(utcNow - job.CreationTime.Value.ToUniversalTime())}";
    }
}
