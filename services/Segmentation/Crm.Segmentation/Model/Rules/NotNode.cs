namespace Crm.Segmentation.Model.Rules;

/// <summary>Holds when its child fails — including a comparison that failed for want of a value.</summary>
internal sealed class NotNode(string path, RuleNode child) : RuleNode(path)
{
    public override Func<CustomerFacts, bool> Compile()
    {
        var test = child.Compile();
        return customer => !test(customer);
    }

    public override RuleExplanation Explain(CustomerFacts customer)
    {
        var inner = child.Explain(customer);
        return new RuleExplanation(Path, "not", !inner.Held, null, [inner]);
    }
}
