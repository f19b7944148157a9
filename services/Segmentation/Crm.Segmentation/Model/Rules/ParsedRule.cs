namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// A segment definition compiled once into a tree of closures, immutable and safe to evaluate from many threads.
/// <para>
/// Missing values: a field is missing when the customer has no value for it — a null fact, an absent survey score,
/// an attribute path that is absent or JSON null, an empty consent set. Every comparison on a missing value is false,
/// <c>ne</c> and <c>notIn</c> included ("we cannot say it differs"); <c>exists</c> is false and <c>missing</c> true.
/// An attribute of the wrong JSON kind for the comparison (text compared with a number) likewise makes the comparison
/// false, though <c>exists</c> holds. <c>not</c> simply negates, so <c>not</c> of a comparison on a missing value holds.
/// </para>
/// <para>Text compares ordinally ignoring case (consents and survey names use their collection's comparer); numbers by value; dates by day.</para>
/// </summary>
public sealed class ParsedRule
{
    private readonly RuleNode _root;
    private readonly Func<CustomerFacts, bool> _holds;

    internal ParsedRule(RuleNode root, IReadOnlySet<string> fields)
    {
        _root = root;
        _holds = root.Compile();
        Fields = fields;
    }

    /// <summary>The fields the rule reads (<c>rfm.recency</c>, <c>attributes.vip</c>, <c>survey.nps</c>, <c>consent</c>).</summary>
    public IReadOnlySet<string> Fields { get; }

    public bool Evaluate(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return _holds(customer);
    }

    public RuleExplanation Explain(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return _root.Explain(customer);
    }
}
