using Crm.Contracts;

namespace Crm.Testing.Probes;

public sealed record ProbeEvent(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId, int Sequence) : ICustomerEvent
{
    public static ProbeEvent New(Guid customerId, int sequence) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, customerId, sequence);
}

public sealed record FailingProbeEvent(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId) : ICustomerEvent;

/// <summary>An event with the awkward parts of real contracts: text to escape, decimals, offsets, nested lists, nulls.</summary>
public sealed record DetailedProbeEvent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string Note,
    decimal Amount,
    string? Missing,
    IReadOnlyList<ProbeLine> Lines) : ICustomerEvent;

public sealed record ProbeLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>
/// Probe items recorded together, like a batch of sales: posted ones carry no <paramref name="BatchId"/> and may be
/// folded into one event (<see cref="ProbeBatchFold"/>); a bulk batch carries its id and is left as it is.
/// </summary>
public sealed record ProbeBatchEvent(Guid EventId, DateTimeOffset OccurredAt, Guid? BatchId, IReadOnlyList<ProbeItem> Items) : IIntegrationEvent
{
    public static ProbeBatchEvent Posted(Guid customerId, int sequence) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, null, [new ProbeItem(customerId, sequence)]);

    string IIntegrationEvent.OrderingKey => BatchId?.ToString() ?? Items[0].CustomerId.ToString();
}

public sealed record ProbeItem(Guid CustomerId, int Sequence);
