using System.Threading.Channels;

namespace Crm.Customers.Imports;

/// <summary>Jobs uploaded to this host, waiting for its import worker.</summary>
public sealed class ImportQueue
{
    private readonly Channel<Guid> _jobs = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid jobId) => _jobs.Writer.TryWrite(jobId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _jobs.Reader.ReadAllAsync(cancellationToken);
}
