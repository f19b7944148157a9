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
