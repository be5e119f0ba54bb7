namespace AutoMLV2.Model;

/// <summary>
/// The best candidate result from an AutoML training job.
/// (SageMaker shape <c>FinalAutoMLJobObjectiveMetric</c>.)
/// </summary>
public partial class FinalAutoMLJobObjectiveMetric
{
    /// <summary>
    /// The type of metric with the best result.
    /// </summary>
    /// <remarks>Known values: Maximize, Minimize. Other values are kept as they come.</remarks>
    public string? Type { get; set; }

    /// <summary>
    /// The name of the metric with the best result.
    /// </summary>
    /// <remarks>Known values: Accuracy, MSE, F1, F1macro, AUC, RMSE, BalancedAccuracy, R2, Recall,
    /// RecallMacro, Precision, PrecisionMacro, MAE, MAPE, MASE, WAPE, AverageWeightedQuantileLoss.
    /// Other values are kept as they come.</remarks>
    public string? MetricName { get; set; }

    /// <summary>
    /// The value of the metric with the best result.
    /// </summary>
    public double? Value { get; set; }

    /// <summary>
    /// The name of the standard metric.
    /// </summary>
    /// <remarks>Known values: Accuracy, MSE, F1, F1macro, AUC, RMSE, BalancedAccuracy, R2, Recall,
    /// RecallMacro, Precision, PrecisionMacro, MAE, MAPE, MASE, WAPE, AverageWeightedQuantileLoss.
    /// Other values are kept as they come.</remarks>
    public string? StandardMetricName { get; set; }
}
