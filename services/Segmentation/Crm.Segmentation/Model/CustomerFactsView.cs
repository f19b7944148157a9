namespace Crm.Segmentation.Model;

/// <summary>What segmentation knows of a customer: profile facts, buying and RFM, value and tiers.</summary>
public sealed record CustomerFactsView(
    Guid CustomerId,
    string? AcquisitionSource,
    string? Country,
    DateOnly? CustomerSince,
    DateOnly? FirstPurchase,
    DateOnly? LastPurchase,
    int PurchaseDays,
    decimal Revenue,
    int? RfmRecency,
    int? RfmFrequency,
    int? RfmMonetary,
    string? RfmSegment,
    decimal? LifetimeValue,
    double? ProbabilityAlive,
    decimal? Profit,
    string? ChurnRisk,
    int? ValueDecile,
    string? ValueTier,
    string? ProfitBand,
    IReadOnlyList<string> Consents,
    string? LoyaltyTier = null);
