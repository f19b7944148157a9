using System.Threading.Channels;

namespace Crm.Profitability.Scoring;

/// <summary>Scoring runs created on this host, waiting for its worker.</summary>
public sealed class ScoringQueue
{
    private readonly Channel<Guid> _runs = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid runId) => _runs.Writer.TryWrite(runId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _runs.Reader.ReadAllAsync(cancellationToken);
}
