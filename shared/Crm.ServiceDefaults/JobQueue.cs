using System.Threading.Channels;

namespace Crm.ServiceDefaults;

/// <summary>
/// Long-running jobs (imports, scoring runs) accepted by this host, waiting in order for its one worker. The job
/// itself lives in the database; only its id waits here, so a restart loses no record of it.
/// </summary>
public sealed class JobQueue
{
    private readonly Channel<Guid> _jobs = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid jobId) => _jobs.Writer.TryWrite(jobId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _jobs.Reader.ReadAllAsync(cancellationToken);
}
