namespace Crm.Loyalty.Data;

/// <summary>
/// What a partner and the programme owe each other for the transactions that occurred in a period, in the partner's
/// currency: the partner pays for the points issued at it (at the cost per point in force when each was issued), the
/// programme pays the partner what members paid there with points. <see cref="NetDueFromPartner"/> is the first less
/// the second; negative when the programme owes the partner.
/// </summary>
public sealed record PartnerSettlement(
    Guid PartnerId,
    string PartnerName,
    string Currency,
    DateTimeOffset From,
    DateTimeOffset To,
    long Transactions,
    long EarnTransactions,
    long PointsIssued,
    decimal OwedByPartner,
    long BurnTransactions,
    long PointsBurned,
    decimal OwedToPartner,
    decimal NetDueFromPartner);
