namespace AutoMLV2.Model;

/// <summary>
/// Stores resolved attributes specific to the problem type of an AutoML job V2.
/// (SageMaker shape <c>AutoMLProblemTypeResolvedAttributes</c>, a union: at most one member is set.)
/// </summary>
[UnionShape]
public partial class AutoMLProblemTypeResolvedAttributes
{
    /// <summary>
    /// The resolved attributes for the tabular problem type.
    /// </summary>
    public TabularResolvedAttributes? TabularResolvedAttributes { get; set; }

    /// <summary>
    /// The resolved attributes for the text generation problem type.
    /// </summary>
    public TextGenerationResolvedAttributes? TextGenerationResolvedAttributes { get; set; }
}
