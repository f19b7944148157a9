using Crm.Contracts;

namespace Crm.Testing.Probes;

public sealed record ProbeEvent(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId, int Sequence) : ICustomerEvent
{
    public static ProbeEvent New(Guid customerId, int sequence) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, customerId, sequence);
}

public sealed record FailingProbeEvent(Guid EventId, DateTimeOffset OccurredAt, Guid CustomerId) : ICustomerEvent;
