using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Crm.Customers.Imports;

/// <summary>
/// Parses a file's batches on a thread of their own while the writer works on earlier ones, at most
/// <c>ahead</c> batches ahead: memory stays a few batches whatever the file's size.
/// </summary>
internal sealed class BatchReadAhead<T> : IAsyncDisposable
{
    private readonly Channel<ImportBatch<T>> batches;
    private readonly CancellationTokenSource stop;
    private readonly Task reader;
    private ExceptionDispatchInfo? failure;

    public BatchReadAhead(Func<CancellationToken, IEnumerable<ImportBatch<T>>> read, int ahead, CancellationToken cancellationToken)
    {
        batches = Channel.CreateBounded<ImportBatch<T>>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        reader = Task.Run(() => ReadAsync(read), CancellationToken.None);
    }

    /// <summary>The batches in file order. A failure to read the file is thrown after the last batch read before it.</summary>
    public async IAsyncEnumerable<ImportBatch<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            yield return batch;
        }

        await reader;
        failure?.Throw();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await reader;
        stop.Dispose();
    }

    private async Task ReadAsync(Func<CancellationToken, IEnumerable<ImportBatch<T>>> read)
    {
        try
        {
            foreach (var batch in read(stop.Token))
            {
                await batches.Writer.WriteAsync(batch, stop.Token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            failure = ExceptionDispatchInfo.Capture(exception);
        }
        catch (OperationCanceledException)
        {
            // The writer stopped first and says why.
        }
        finally
        {
            batches.Writer.TryComplete();
        }
    }
}
