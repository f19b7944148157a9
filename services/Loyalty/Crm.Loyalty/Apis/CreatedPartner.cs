using Crm.Loyalty.Data;

namespace Crm.Loyalty.Apis;

/// <summary>A new partner with its signing secret, the only time it is shown (rotating it shows the new one once).</summary>
public sealed record CreatedPartner(
    Guid Id,
    string Name,
    decimal EarnRate,
    decimal BurnRate,
    decimal CostPerPoint,
    string Currency,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string SigningSecret)
{
    public static CreatedPartner Of(Partner partner, string signingSecret) => new(
        partner.Id, partner.Name, partner.EarnRate, partner.BurnRate, partner.CostPerPoint, partner.Currency, partner.Active,
        partner.CreatedAt, partner.UpdatedAt, signingSecret);
}
