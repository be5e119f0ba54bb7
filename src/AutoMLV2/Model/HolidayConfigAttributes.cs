namespace AutoMLV2.Model;

/// <summary>
/// Stores the holiday featurization attributes applicable to each item of time-series datasets
/// during the training of a forecasting model.
/// (SageMaker shape <c>HolidayConfigAttributes</c>.)
/// </summary>
public partial class HolidayConfigAttributes
{
    /// <summary>
    /// The country code for the holiday calendar.
    /// </summary>
    public string? CountryCode { get; set; }
}
