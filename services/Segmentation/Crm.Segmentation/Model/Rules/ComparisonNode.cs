namespace Crm.Segmentation.Model.Rules;

/// <summary>A leaf <c>{field, op, value}</c>, already compiled by its field into <paramref name="test"/>.</summary>
internal sealed class ComparisonNode(string path, RuleField field, string description, Func<CustomerFacts, bool> test)
    : RuleNode(path)
{
    public override Func<CustomerFacts, bool> Compile() => test;

    public override RuleExplanation Explain(CustomerFacts customer) =>
        new(Path, description, test(customer), field.Describe(customer), []);
}
