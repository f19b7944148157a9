namespace Crm.Loyalty.Data;

/// <summary>
/// An alliance partner as the API shows it, never with its signing secret: points per currency unit spent there
/// (<see cref="EarnRate"/>) and per currency unit paid with points there (<see cref="BurnRate"/>), and what it pays us
/// per point issued on its behalf, all in <see cref="Currency"/>.
/// </summary>
public sealed record Partner(
    Guid Id,
    string Name,
    decimal EarnRate,
    decimal BurnRate,
    decimal CostPerPoint,
    string Currency,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
