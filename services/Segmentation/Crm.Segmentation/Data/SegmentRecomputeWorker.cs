using Crm.Contracts.Segmentation;
using Crm.Messaging.Inbox;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Evaluates a newly saved segment version over every customer, a page at a time, each page's membership changes
/// committed with their events. Saved segments are queued on the host that saved them.
/// </summary>
internal sealed partial class SegmentRecomputeWorker(
    JobQueue queue,
    NpgsqlDataSource dataSource,
    CustomerFactQueries facts,
    SegmentCatalog catalog,
    MembershipWriter writer,
    ILogger<SegmentRecomputeWorker> logger) : JobWorker(queue)
{
    private const int PageSize = 10_000;

    private const string MembersSql = """
        select customer_id from segment_members where segment_id = @SegmentId and customer_id = any(@CustomerIds)
        """;

    protected override async Task RunJobAsync(Guid segmentId, CancellationToken stoppingToken)
    {
        try
        {
            LogRecomputed(segmentId, await RecomputeAsync(segmentId, stoppingToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception, segmentId);
        }
    }

    public async Task<int> RecomputeAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        // The segment is read on a connection given back before the pages take theirs: one connection at a time.
        CompiledSegment? segment;
        await using (var reading = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            segment = await catalog.FindAsync(reading, segmentId, cancellationToken);
        }

        if (segment is null)
        {
            return 0;
        }

        var changed = 0;
        var after = Guid.Empty;
        while (true)
        {
            // The page is read inside the transaction that writes it, after the erasure gate: a customer erased
            // meanwhile is either gone from the page or forgotten again, memberships included, once this commits.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ErasureGate.PassAsync(transaction, cancellationToken);
            var page = await facts.ReadPageAsync(connection, after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                return changed;
            }

            after = page[^1].CustomerId;
            var members = (await connection.QueryAsync<Guid>(new CommandDefinition(MembersSql,
                new { SegmentId = segment.Id, CustomerIds = page.Select(row => row.CustomerId).ToArray() }, transaction, cancellationToken: cancellationToken))).ToHashSet();
            var changes = new List<MembershipChange>();
            foreach (var row in page)
            {
                var holds = segment.Rule.Evaluate(row.Facts);
                if (holds != members.Contains(row.CustomerId))
                {
                    changes.Add(holds
                        ? new MembershipChange(segment, row.CustomerId, MembershipChanges.Entered, $"rule v{segment.Version} holds")
                        : new MembershipChange(segment, row.CustomerId, MembershipChanges.Left, $"segment revised to v{segment.Version}"));
                }
            }

            await writer.ApplyAsync(transaction, changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            changed += changes.Count;
        }
    }

    [LoggerMessage(LogLevel.Information, "Segment {SegmentId} evaluated over every customer: {Changed} memberships changed.")]
    private partial void LogRecomputed(Guid segmentId, int changed);

    [LoggerMessage(LogLevel.Error, "Evaluating segment {SegmentId} over every customer failed; membership catches up on the next save.")]
    private partial void LogFailed(Exception exception, Guid segmentId);
}
