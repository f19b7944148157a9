using System.Collections.Frozen;
using System.Text.Json;
using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Data;

/// <summary>The facts of one customer in the shape segment rules evaluate.</summary>
internal static class RuleFacts
{
    public static CustomerFacts Of(CustomerFactsView view, string? attributes, int? daysSinceLastPurchase) => new()
    {
        AcquisitionSource = view.AcquisitionSource,
        Country = view.Country,
        CustomerSince = view.CustomerSince,
        Attributes = attributes is null ? null : JsonDocument.Parse(attributes).RootElement.Clone(),
        Consents = view.Consents.ToFrozenSet(StringComparer.Ordinal),
        Recency = view.RfmRecency,
        Frequency = view.RfmFrequency,
        Monetary = view.RfmMonetary,
        RfmSegment = view.RfmSegment,
        DaysSinceLastPurchase = daysSinceLastPurchase,
        Purchases = view.PurchaseDays,
        Revenue = view.Revenue,
        LifetimeValue = view.LifetimeValue,
        ProbabilityAlive = view.ProbabilityAlive,
        Profit = view.Profit,
        ChurnRisk = view.ChurnRisk,
        ValueTier = view.ValueTier,
        LoyaltyTier = view.LoyaltyTier,
    };
}
