namespace Crm.Contracts;

/// <summary>
/// What every integration event carries. <see cref="EventId"/> is also the broker message id, so consumers can
/// recognise a redelivery; events with the same <see cref="OrderingKey"/> are published in the order they committed.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    /// <summary>Not part of the message body: the outbox relay uses it to keep related events in order.</summary>
    string OrderingKey { get; }
}
