namespace AutoMLV2.Model;

/// <summary>
/// The resolved attributes used to configure an AutoML job V2.
/// (SageMaker shape <c>AutoMLResolvedAttributes</c>.)
/// </summary>
public partial class AutoMLResolvedAttributes
{
    /// <summary>
    /// Specifies a metric to minimize or maximize as the objective of an AutoML job.
    /// </summary>
    public AutoMLJobObjective? AutoMLJobObjective { get; set; }

    /// <summary>
    /// How long a job is allowed to run, or how many candidates a job is allowed to generate.
    /// </summary>
    public AutoMLJobCompletionCriteria? CompletionCriteria { get; set; }

    /// <summary>
    /// Defines the resolved attributes specific to a problem type.
    /// </summary>
    public AutoMLProblemTypeResolvedAttributes? AutoMLProblemTypeResolvedAttributes { get; set; }
}
