using System.Collections.Frozen;
using Crm.Contracts.Profitability;

namespace Crm.Segmentation.Model.Rules;

/// <summary>The fields a definition may name: the well-known facts, <c>attributes.&lt;path&gt;</c> and <c>survey.&lt;name&gt;</c>.</summary>
internal static class FieldCatalogue
{
    public const string AttributesPrefix = "attributes.";
    public const string SurveyPrefix = "survey.";

    private static readonly RuleField[] WellKnown =
    [
        new TextField("acquisitionSource", customer => customer.AcquisitionSource),
        new TextField("country", customer => customer.Country),
        new DateField("customerSince", customer => customer.CustomerSince),
        new ConsentField(),
        new IntegerField("rfm.recency", customer => customer.Recency, 1, 5),
        new IntegerField("rfm.frequency", customer => customer.Frequency, 1, 5),
        new IntegerField("rfm.monetary", customer => customer.Monetary, 1, 5),
        new TextField("rfm.segment", customer => customer.RfmSegment),
        new IntegerField("daysSinceLastPurchase", customer => customer.DaysSinceLastPurchase, 0),
        new IntegerField("purchases", customer => customer.Purchases, 0),
        new MoneyField("revenue", customer => customer.Revenue),
        new MoneyField("lifetimeValue", customer => customer.LifetimeValue),
        new NumberField("probabilityAlive", customer => customer.ProbabilityAlive, 0, 1),
        new MoneyField("profit", customer => customer.Profit),
        new TextField("churnRisk", customer => customer.ChurnRisk, [ChurnRiskBands.Low, ChurnRiskBands.Medium, ChurnRiskBands.High]),
        new TextField("valueTier", customer => customer.ValueTier),
        new TextField("loyaltyTier", customer => customer.LoyaltyTier),
    ];

    private static readonly FrozenDictionary<string, RuleField> ByName = WellKnown.ToFrozenDictionary(field => field.Name, StringComparer.Ordinal);

    /// <summary>Every name a definition may use, in the order a field picker would list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. WellKnown.Select(field => field.Name), AttributesPrefix + "<path>", SurveyPrefix + "<name>"];

    /// <summary>The field called <paramref name="name"/>, or null with <paramref name="problem"/> saying what is allowed.</summary>
    public static RuleField? Resolve(string name, out string problem)
    {
        problem = "";
        if (ByName.TryGetValue(name, out var field))
        {
            return field;
        }

        if (name.StartsWith(AttributesPrefix, StringComparison.Ordinal))
        {
            var segments = name[AttributesPrefix.Length..].Split('.');
            if (segments.All(segment => segment.Length > 0))
            {
                return new AttributeField(name, segments);
            }

            problem = $"'{name}' is not an attribute path; write attributes.<name>, with dots between nested names, e.g. attributes.address.city";
            return null;
        }

        if (name.StartsWith(SurveyPrefix, StringComparison.Ordinal) && name.Length > SurveyPrefix.Length)
        {
            var survey = name[SurveyPrefix.Length..];
            return new NumberField(name, customer => customer.SurveyScores.TryGetValue(survey, out var score) ? score : null);
        }

        problem = name switch
        {
            "attributes" => "name the attribute to compare, e.g. attributes.vip",
            "survey" or SurveyPrefix => "name the survey score to compare, e.g. survey.nps",
            _ when ClosestNames.DidYouMean(name, Candidates(name)) is { Length: > 0 } suggestion => $"unknown field '{name}'{suggestion}",
            _ => $"unknown field '{name}'; fields are {string.Join(", ", Names)}",
        };
        return null;
    }

    /// <summary>Well-known names, plus the rest of a dotted name under each prefix so <c>attribute.vip</c> finds <c>attributes.vip</c>.</summary>
    private static IEnumerable<string> Candidates(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var rest = dot >= 0 ? name[(dot + 1)..] : null;
        return rest is { Length: > 0 }
            ? [.. ByName.Keys, AttributesPrefix + rest, SurveyPrefix + rest]
            : ByName.Keys;
    }
}
