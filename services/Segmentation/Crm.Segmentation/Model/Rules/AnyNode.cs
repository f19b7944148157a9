namespace Crm.Segmentation.Model.Rules;

/// <summary>Holds when at least one child holds; stops at the first that does.</summary>
internal sealed class AnyNode(string path, RuleNode[] children) : RuleNode(path)
{
    public override Func<CustomerFacts, bool> Compile()
    {
        var tests = Array.ConvertAll(children, child => child.Compile());
        return customer =>
        {
            foreach (var test in tests)
            {
                if (test(customer))
                {
                    return true;
                }
            }

            return false;
        };
    }

    public override RuleExplanation Explain(CustomerFacts customer)
    {
        var parts = Array.ConvertAll(children, child => child.Explain(customer));
        return new RuleExplanation(Path, $"any of {parts.Length}", Array.Exists(parts, part => part.Held), null, parts);
    }
}
