using Crm.Contracts;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Folds events of one type that wait next to each other in the outbox into one event that means to every consumer
/// what they mean one after another: many single posted sales become one batch of sales. Each message costs the
/// publisher, the broker and every consumer the same handling whatever it holds, so under a steady stream of small
/// events folding saves most of that. The relay folds before it publishes, and commits the fold first, so a crash
/// republishes the folded event under its own id (which the consumers' inboxes recognise), never its parts again.
/// </summary>
public abstract class EventFold<TEvent> : IEventFold
    where TEvent : class, IIntegrationEvent
{
    public Type EventType => typeof(TEvent);

    /// <summary>Whether <paramref name="message"/> may be folded with its neighbours (a bulk batch is big enough as it is).</summary>
    protected abstract bool CanFold(TEvent message);

    /// <summary>One event meaning what <paramref name="messages"/> mean in this order; it needs an event id of its own.</summary>
    protected abstract TEvent Fold(IReadOnlyList<TEvent> messages);

    bool IEventFold.CanFold(IIntegrationEvent message) => CanFold((TEvent)message);

    IIntegrationEvent IEventFold.Fold(IReadOnlyList<IIntegrationEvent> messages) => Fold([.. messages.Cast<TEvent>()]);
}
