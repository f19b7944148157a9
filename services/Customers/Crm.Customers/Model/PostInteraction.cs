namespace Crm.Customers.Model;

/// <summary>
/// A contact with the customer. <see cref="InteractionId"/> is the business's id (idempotency);
/// <see cref="CostToServe"/>, when known, is what handling it cost, in <see cref="Currency"/>.
/// </summary>
public sealed record PostInteraction(
    string? InteractionId,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? Type,
    decimal? CostToServe = null,
    string? Currency = null);
