using Crm.Contracts;

namespace Crm.Messaging.Outbox;

/// <summary>What the relay needs of an <see cref="EventFold{TEvent}"/>, whatever its event type.</summary>
public interface IEventFold
{
    Type EventType { get; }

    bool CanFold(IIntegrationEvent message);

    IIntegrationEvent Fold(IReadOnlyList<IIntegrationEvent> messages);
}
