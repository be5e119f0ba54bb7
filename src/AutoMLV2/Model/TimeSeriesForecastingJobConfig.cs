namespace AutoMLV2.Model;

/// <summary>
/// The collection of settings used by an AutoML job V2 for the time-series forecasting problem
/// type.
/// (SageMaker shape <c>TimeSeriesForecastingJobConfig</c>.)
/// </summary>
public partial class TimeSeriesForecastingJobConfig
{
    /// <summary>
    /// A URL to the Amazon S3 data source containing additional selected features that complement
    /// the target, itemID, timestamp, and grouped columns set in TimeSeriesConfig.
    /// </summary>
    public string? FeatureSpecificationS3Uri { get; set; }

    /// <summary>
    /// How long a job is allowed to run, or how many candidates a job is allowed to generate.
    /// </summary>
    public AutoMLJobCompletionCriteria? CompletionCriteria { get; set; }

    /// <summary>
    /// The frequency of predictions in a forecast.
    /// </summary>
    public string? ForecastFrequency { get; set; }

    /// <summary>
    /// The number of time-steps that the model predicts.
    /// </summary>
    public int? ForecastHorizon { get; set; }

    /// <summary>
    /// The quantiles used to train the model for forecasts at a specified quantile.
    /// </summary>
    public string[]? ForecastQuantiles { get; set; }

    /// <summary>
    /// The transformations modifying specific attributes of the time-series, such as filling
    /// strategies for missing values.
    /// </summary>
    public TimeSeriesTransformations? Transformations { get; set; }

    /// <summary>
    /// The collection of components that defines the time-series.
    /// </summary>
    public TimeSeriesConfig? TimeSeriesConfig { get; set; }

    /// <summary>
    /// The collection of holiday featurization attributes used to incorporate national holiday
    /// information into your forecasting model.
    /// </summary>
    public HolidayConfigAttributes[]? HolidayConfig { get; set; }

    /// <summary>
    /// Stores the configuration information for how model candidates are generated using an AutoML
    /// job V2.
    /// </summary>
    public CandidateGenerationConfig? CandidateGenerationConfig { get; set; }
}
