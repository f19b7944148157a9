using System.Threading.Channels;

namespace Crm.Segmentation.Data;

/// <summary>Wakes this host's recompute worker when a job is requested here, instead of waiting for its next check.</summary>
public sealed class RecomputeJobSignal(TimeProvider clock)
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Until woken or <paramref name="atMost"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(_wakeUps.Reader.WaitToReadAsync(waiting.Token).AsTask(), Task.Delay(atMost, clock, waiting.Token));
        await waiting.CancelAsync();
        _wakeUps.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
