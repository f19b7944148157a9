using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Profitability.Model.Lifetime;
using Npgsql;

namespace Crm.Profitability.Scoring;

/// <summary>
/// Runs this host's scoring runs one at a time. Across replicas an advisory lock keeps two runs from scoring at once:
/// they would announce the same moves twice.
/// </summary>
internal sealed partial class ScoringWorker(
    JobQueue queue,
    ScoringRunStore runs,
    ScoringRunner runner,
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    ILogger<ScoringWorker> logger) : JobWorker(queue)
{
    private const string LockSql = "select pg_advisory_lock(hashtext('crm.profitability.scoring'))";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await runs.InterruptLeftoversAsync(clock.GetUtcNow(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task RunJobAsync(Guid id, CancellationToken stoppingToken)
    {
        // The lock lives as long as this connection: a crash releases it.
        await using var lockConnection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using (var command = new NpgsqlCommand(LockSql, lockConnection))
        {
            await command.ExecuteNonQueryAsync(stoppingToken);
        }

        if (!await runs.StartAsync(id, stoppingToken) || await runs.FindAsync(id, stoppingToken) is not { } run)
        {
            return;
        }

        try
        {
            LogStarted(id, run.CalibrationEnd, run.TimeUnit);
            await runner.RunAsync(run, stoppingToken);
            await runs.FinishAsync(id, ScoringRunStatus.Succeeded, null, CancellationToken.None);
            LogFinished(id);
        }
        catch (ModelFitException problem)
        {
            await runs.FinishAsync(id, ScoringRunStatus.Failed, problem.Message, CancellationToken.None);
            LogNotFitted(id, problem.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await runs.FinishAsync(id, ScoringRunStatus.Failed, "interrupted by a stop of the service", CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogFailed(exception, id);
            await runs.FinishAsync(id, ScoringRunStatus.Failed, $"The run stopped on an internal error (run {id}); chunks already stored stay stored.", CancellationToken.None);
        }
    }

    [LoggerMessage(LogLevel.Information, "Scoring run {RunId} started: calibration end {CalibrationEnd}, time unit {TimeUnit}.")]
    private partial void LogStarted(Guid runId, DateOnly calibrationEnd, string timeUnit);

    [LoggerMessage(LogLevel.Information, "Scoring run {RunId} finished.")]
    private partial void LogFinished(Guid runId);

    [LoggerMessage(LogLevel.Warning, "Scoring run {RunId} could not fit the models: {Reason}")]
    private partial void LogNotFitted(Guid runId, string reason);

    [LoggerMessage(LogLevel.Error, "Scoring run {RunId} failed.")]
    private partial void LogFailed(Exception exception, Guid runId);
}
