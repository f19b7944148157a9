using System.Diagnostics.CodeAnalysis;

namespace Crm.Segmentation.Model.Rules;

/// <summary>Either a compiled rule or every problem found in the definition, never both.</summary>
public sealed class RuleParseResult
{
    private RuleParseResult(ParsedRule? rule, IReadOnlyList<RuleError> errors) => (Rule, Errors) = (rule, errors);

    public ParsedRule? Rule { get; }

    public IReadOnlyList<RuleError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Rule))]
    public bool IsValid => Rule is not null;

    internal static RuleParseResult Valid(ParsedRule rule) => new(rule, []);

    internal static RuleParseResult Invalid(IReadOnlyList<RuleError> errors) => new(null, errors);
}
