namespace Crm.Contracts;

/// <summary>
/// What every integration event carries. <see cref="EventId"/> is also the broker message id, so consumers can
/// recognise a redelivery; <see cref="CustomerId"/> keeps one customer's events in order.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    Guid CustomerId { get; }
}
