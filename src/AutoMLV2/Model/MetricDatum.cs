namespace AutoMLV2.Model;

/// <summary>
/// Information about the metric for a candidate produced by an AutoML job.
/// (SageMaker shape <c>MetricDatum</c>.)
/// </summary>
public partial class MetricDatum
{
    /// <summary>
    /// The name of the metric.
    /// </summary>
    /// <remarks>Known values: Accuracy, MSE, F1, F1macro, AUC, RMSE, BalancedAccuracy, R2, Recall,
    /// RecallMacro, Precision, PrecisionMacro, MAE, MAPE, MASE, WAPE, AverageWeightedQuantileLoss.
    /// Other values are kept as they come.</remarks>
    public string? MetricName { get; set; }

    /// <summary>
    /// The name of the standard metric.
    /// </summary>
    /// <remarks>Known values: Accuracy, MSE, F1, F1macro, AUC, RMSE, MAE, R2, BalancedAccuracy,
    /// Precision, PrecisionMacro, Recall, RecallMacro, LogLoss, InferenceLatency, MAPE, MASE, WAPE,
    /// AverageWeightedQuantileLoss, Rouge1, Rouge2, RougeL, RougeLSum, Perplexity, ValidationLoss,
    /// TrainingLoss. Other values are kept as they come.</remarks>
    public string? StandardMetricName { get; set; }

    /// <summary>
    /// The value of the metric.
    /// </summary>
    public double? Value { get; set; }

    /// <summary>
    /// The dataset split from which the AutoML job produced the metric.
    /// </summary>
    /// <remarks>Known values: Train, Validation, Test. Other values are kept as they
    /// come.</remarks>
    public string? Set { get; set; }
}
