using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Model;

/// <summary>What a segment definition must satisfy; rule errors are reported at their place in the rule (<c>rule.all[1].op</c>).</summary>
public static class SegmentDefinitionRules
{
    private const int MaxNameLength = 100;
    private const int MaxTextLength = 1_000;

    /// <summary>The compiled rule, or null with <paramref name="errors"/> filled.</summary>
    public static ParsedRule? Validate(SegmentDefinition definition, ValidationErrors errors)
    {
        Text(errors, "name", definition.Name, MaxNameLength, required: true);
        Text(errors, "description", definition.Description, MaxTextLength, required: false);
        Text(errors, "owner", definition.Owner, MaxNameLength, required: true);
        Text(errors, "advisor", definition.Advisor, MaxNameLength, required: true);
        if (definition.Strategy is not { } strategy)
        {
            errors.Add("strategy", "is required: the service level, preferred channels, contact policy and objective for these customers.");
        }
        else
        {
            Text(errors, "strategy.serviceLevel", strategy.ServiceLevel, MaxNameLength, required: true);
            Text(errors, "strategy.contactPolicy", strategy.ContactPolicy, MaxTextLength, required: true);
            Text(errors, "strategy.objective", strategy.Objective, MaxTextLength, required: true);
            // Each channel is free text too: a control character (NUL above all, which jsonb cannot store) is refused.
            if (strategy.PreferredChannels is not { Count: > 0 and <= 10 } channels
                || channels.Any(channel => string.IsNullOrWhiteSpace(channel) || channel.Length > MaxNameLength || channel.Any(char.IsControl)))
            {
                errors.Add("strategy.preferredChannels", $"must list 1 to 10 channels (e.g. email, phone, store) of at most {MaxNameLength} printable characters.");
            }
        }

        if (definition.Rule is not { } rule)
        {
            errors.Add("rule", "is required: a predicate tree such as {\"field\": \"rfm.recency\", \"op\": \"gte\", \"value\": 4}.");
            return null;
        }

        var parsed = SegmentRuleParser.Parse(rule);
        foreach (var error in parsed.Errors)
        {
            // "$.all[1].op" in the rule is "rule.all[1].op" in the request.
            errors.Add("rule" + error.Path.TrimStart('$'), error.Message);
        }

        return errors.IsEmpty ? parsed.Rule : null;
    }

    private static void Text(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }
        }
        else if (value.Length > maxLength || value.Any(char.IsControl))
        {
            errors.Add(field, $"must be at most {maxLength} printable characters.");
        }
    }
}
