namespace Crm.Segmentation.Model.Rules;

/// <summary>One node of a parsed rule, at <see cref="Path"/> in its definition.</summary>
internal abstract class RuleNode(string path)
{
    public string Path { get; } = path;

    /// <summary>The node as a closure; evaluation of a whole customer base runs through these, so no lookups by name.</summary>
    public abstract Func<CustomerFacts, bool> Compile();

    public abstract RuleExplanation Explain(CustomerFacts customer);
}
