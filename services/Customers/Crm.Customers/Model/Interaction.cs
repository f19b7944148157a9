using Crm.Data;

namespace Crm.Customers.Model;

/// <summary>A recorded interaction as the API returns it; <see cref="InteractionId"/> is the business's id.</summary>
public sealed record Interaction(
    Guid Id,
    string InteractionId,
    Guid CustomerId,
    DateTimeOffset OccurredAt,
    string Channel,
    string Type,
    decimal? CostToServe,
    string? Currency,
    DateTimeOffset RecordedAt)
{
    /// <summary>
    /// Whether a posting says the same as this stored interaction (a retry rather than a reuse of the id). The stored
    /// time has PostgreSQL's microsecond precision, so the posted time is compared at that precision too.
    /// </summary>
    public bool Matches(Guid customerId, PostInteraction posted) =>
        CustomerId == customerId && OccurredAt == posted.OccurredAt.ToStoredPrecision()
        && Channel == posted.Channel && Type == posted.Type && CostToServe == posted.CostToServe && Currency == posted.Currency;
}
