namespace Crm.Segmentation.Model.Rules;

/// <summary>Holds when every child holds; stops at the first that fails.</summary>
internal sealed class AllNode(string path, RuleNode[] children) : RuleNode(path)
{
    public override Func<CustomerFacts, bool> Compile()
    {
        var tests = Array.ConvertAll(children, child => child.Compile());
        return customer =>
        {
            foreach (var test in tests)
            {
                if (!test(customer))
                {
                    return false;
                }
            }

            return true;
        };
    }

    public override RuleExplanation Explain(CustomerFacts customer)
    {
        var parts = Array.ConvertAll(children, child => child.Explain(customer));
        return new RuleExplanation(Path, $"all of {parts.Length}", Array.TrueForAll(parts, part => part.Held), null, parts);
    }
}
