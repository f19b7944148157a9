using System.Collections.Concurrent;
using MassTransit;

namespace Crm.Testing;

/// <summary>Counts what the broker delivered to consumers, per message id, before any inbox logic runs.</summary>
public sealed class DeliveryCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _deliveries = new();

    public int Total => _deliveries.Values.Sum();

    public int Distinct => _deliveries.Count;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        _deliveries.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
