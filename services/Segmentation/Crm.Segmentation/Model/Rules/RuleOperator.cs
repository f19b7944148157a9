namespace Crm.Segmentation.Model.Rules;

/// <summary>The comparison of a rule leaf; spelled in definitions as <see cref="RuleOperators.Name"/> gives.</summary>
internal enum RuleOperator
{
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    Between,
    In,
    NotIn,
    Contains,
    StartsWith,
    Exists,
    Missing,
}
