using System.Collections.Frozen;

namespace Crm.Segmentation.Model.Rules;

/// <summary>The behavioural features customers can be clustered on; every one is a fact segmentation keeps current.</summary>
public static class BehaviouralFeatures
{
    public const string DaysSinceLastPurchase = "daysSinceLastPurchase";
    public const string Purchases = "purchases";
    public const string Revenue = "revenue";
    public const string AverageOrderValue = "averageOrderValue";
    public const string LifetimeValue = "lifetimeValue";
    public const string ProbabilityAlive = "probabilityAlive";
    public const string Profit = "profit";

    /// <summary>In the order requests default to and responses list them.</summary>
    public static IReadOnlyList<BehaviouralFeature> All { get; } =
    [
        new(DaysSinceLastPurchase, customer => customer.DaysSinceLastPurchase, [DaysSinceLastPurchase], "long since their last purchase", "bought recently"),
        new(Purchases, customer => customer.Purchases, [Purchases], "many purchase days", "few purchase days"),
        new(Revenue, customer => (double?)customer.Revenue, [Revenue], "high revenue", "low revenue"),
        // Revenue per purchase day: frequency counts days, so this is what a typical day's basket is worth.
        new(AverageOrderValue, customer => customer is { Purchases: int days and > 0, Revenue: { } revenue } ? (double)(revenue / days) : null,
            [Revenue, Purchases], "large orders", "small orders"),
        new(LifetimeValue, customer => (double?)customer.LifetimeValue, [LifetimeValue], "high lifetime value", "low lifetime value"),
        new(ProbabilityAlive, customer => customer.ProbabilityAlive, [ProbabilityAlive], "likely still active", "likely lapsed"),
        new(Profit, customer => (double?)customer.Profit, [Profit], "high profit", "low profit"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(feature => feature.Name)];

    private static readonly FrozenDictionary<string, BehaviouralFeature> ByName = All.ToFrozenDictionary(feature => feature.Name, StringComparer.Ordinal);

    public static BehaviouralFeature? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>What to tell someone who named a feature that does not exist.</summary>
    public static string Unknown(string name) =>
        $"unknown feature '{name}'{ClosestNames.DidYouMean(name, Names)}; features are {string.Join(", ", Names)}";
}
