using System.Collections.Concurrent;
using Crm.Contracts;
using MassTransit;

namespace Crm.Benchmarks;

/// <summary>Records, for each consumed event, how long after its commit began the consumer finished with it.</summary>
public sealed class LatencyRecorder : IConsumeObserver
{
    private readonly ConcurrentQueue<double> _milliseconds = new();
    private int _consumed;

    public int Consumed => Volatile.Read(ref _consumed);

    public IReadOnlyList<double> Milliseconds => [.. _milliseconds];

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent integrationEvent)
        {
            _milliseconds.Enqueue((DateTimeOffset.UtcNow - integrationEvent.OccurredAt).TotalMilliseconds);
        }

        Interlocked.Increment(ref _consumed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public void Reset()
    {
        _milliseconds.Clear();
        Volatile.Write(ref _consumed, 0);
    }
}
