namespace Crm.Loyalty.Apis;

/// <summary>Points credited (positive) or debited (negative) by hand, and why.</summary>
public sealed record Adjustment(long? Points, string? Reason);
