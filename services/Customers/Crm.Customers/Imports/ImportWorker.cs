using Crm.Customers.Model;
using Crm.Data;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Imports;

/// <summary>Runs this host's import jobs one at a time, in upload order.</summary>
internal sealed partial class ImportWorker(
    JobQueue queue,
    ImportJobStore jobs,
    ImportSpool spool,
    ImportRunner runner,
    TransactionWriter transactions,
    CustomerWriter customers,
    InteractionWriter interactions,
    IOptions<ImportsOptions> options,
    IOptions<CustomersOptions> customersOptions,
    TimeProvider clock,
    ILogger<ImportWorker> logger) : JobWorker(queue)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server takes uploads: a job this host had queued or running when it stopped cannot be resumed.
        foreach (var id in await jobs.InterruptLeftoversAsync(cancellationToken))
        {
            LogInterrupted(id);
            spool.Delete(id);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task RunJobAsync(Guid id, CancellationToken stoppingToken)
    {
        try
        {
            if (!await jobs.StartAsync(id, stoppingToken) || await jobs.FindAsync(id, stoppingToken) is not { } job)
            {
                return;
            }

            var context = new ImportContext(id, spool.PathOf(id), job.Format, clock.GetStoredUtcNow(),
                customersOptions.Value.FutureTolerance, options.Value.BatchRows);
            // A CSV file's header and quoting were checked when it was uploaded (ImportsApi); should a broken one reach
            // here all the same, the readers fail the job at the broken line.
            LogStarted(id, job.Kind, job.Format, job.FileBytes);
            var knownCustomers = new KnownCustomers();
            await (job.Kind switch
            {
                ImportKind.Transactions => runner.RunOverlappedAsync<ImportedTransaction, StagedTransactions>(
                    context, token => TransactionRowReader.Read(context, token),
                    // Batches are decided one after another, so the job's memory of its customers needs no lock.
                    (connection, transaction, batch, previous, now, token) =>
                        transactions.StageAsync(connection, transaction, batch, context, knownCustomers, previous, now, token),
                    stoppingToken),
                ImportKind.Interactions => runner.RunAsync(context, token => InteractionRowReader.Read(context, token),
                    (connection, transaction, batch, now, token) => interactions.WriteAsync(connection, transaction, batch, context, now, token), stoppingToken),
                _ => RunCustomersAsync(context, stoppingToken),
            });
            await jobs.FinishAsync(id, ImportJobStatus.Succeeded, null, stoppingToken);
            LogFinished(id);
        }
        catch (ImportFileException problem)
        {
            await jobs.FinishAsync(id, ImportJobStatus.Failed, problem.Message, CancellationToken.None);
            LogFileRejected(id, problem.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await jobs.FinishAsync(id, ImportJobStatus.Failed, "interrupted", CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogFailed(exception, id);
            await jobs.FinishAsync(id, ImportJobStatus.Failed, $"The import stopped on an internal error (job {id}); rows of committed batches stay stored.", CancellationToken.None);
        }
        finally
        {
            spool.Delete(id);
        }
    }

    private async Task RunCustomersAsync(ImportContext context, CancellationToken cancellationToken)
    {
        var sources = await customers.AcquisitionSourcesAsync(cancellationToken);
        await runner.RunAsync(context, token => CustomerRowReader.Read(context, sources, token),
            (connection, transaction, batch, now, token) => customers.WriteAsync(connection, transaction, batch, context, now, token), cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Import {JobId} was cut short by a stop of this host and is marked failed.")]
    private partial void LogInterrupted(Guid jobId);

    [LoggerMessage(LogLevel.Information, "Import {JobId} started: {Kind} from {Format}, {Bytes} bytes.")]
    private partial void LogStarted(Guid jobId, string kind, string format, long bytes);

    [LoggerMessage(LogLevel.Information, "Import {JobId} finished.")]
    private partial void LogFinished(Guid jobId);

    [LoggerMessage(LogLevel.Information, "Import {JobId} failed on its file: {Problem}")]
    private partial void LogFileRejected(Guid jobId, string problem);

    [LoggerMessage(LogLevel.Error, "Import {JobId} failed.")]
    private partial void LogFailed(Exception exception, Guid jobId);
}
