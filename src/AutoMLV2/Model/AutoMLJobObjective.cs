namespace AutoMLV2.Model;

/// <summary>
/// Specifies a metric to minimize or maximize as the objective of an AutoML job.
/// (SageMaker shape <c>AutoMLJobObjective</c>.)
/// </summary>
public partial class AutoMLJobObjective
{
    /// <summary>
    /// The name of the objective metric used to measure the predictive quality of a machine
    /// learning system.
    /// </summary>
    /// <remarks>Known values: Accuracy, MSE, F1, F1macro, AUC, RMSE, BalancedAccuracy, R2, Recall,
    /// RecallMacro, Precision, PrecisionMacro, MAE, MAPE, MASE, WAPE, AverageWeightedQuantileLoss.
    /// Other values are kept as they come.</remarks>
    public string? MetricName { get; set; }
}
