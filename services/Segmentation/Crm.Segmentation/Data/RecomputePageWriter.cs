using Crm.Contracts.Segmentation;
using Crm.Messaging.Inbox;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Commits one page of a full recompute: the entries and exits of the customers whose membership the scan found
/// wrong, with their events, and the job's progress, in one transaction. The scan read a snapshot taken when the job
/// began and an event may have moved a customer since, so each of them is evaluated again here exactly as incremental
/// maintenance evaluates them (their facts and members now, under this transaction), and only what still differs is
/// written.
/// </summary>
public sealed class RecomputePageWriter(
    NpgsqlDataSource dataSource, CustomerFactQueries facts, SegmentCatalog catalog, MembershipWriter writer, RecomputeJobStore jobs)
{
    private const int Attempts = 3;

    private const string MembersSql = """
        select segment_id, customer_id from segment_members where customer_id = any(@CustomerIds)
        """;

    /// <summary>Writes the page and returns how many memberships were entered and left.</summary>
    public async Task<(int Entered, int Left)> WriteAsync(
        Guid jobId, IReadOnlyCollection<Guid> changing, int customers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ErasureGate.PassAsync(transaction, cancellationToken);
                List<MembershipChange> changes = changing.Count == 0 ? [] : await ChangesAsync(transaction, [.. changing], cancellationToken);
                await writer.ApplyAsync(transaction, changes, cancellationToken);
                var entered = changes.Count(change => change.Change == MembershipChanges.Entered);
                var left = changes.Count - entered;
                await jobs.ProgressAsync(transaction, jobId, customers, entered, left, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (entered, left);
            }
            catch (PostgresException problem) when (problem.IsTransient && attempt < Attempts)
            {
                // A deadlock with a consumer moving the same customers, say: the page is evaluated again.
            }
        }
    }

    private async Task<List<MembershipChange>> ChangesAsync(NpgsqlTransaction transaction, Guid[] customerIds, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var segments = await catalog.CurrentAsync(connection, transaction, cancellationToken);
        var rows = await facts.ReadManyAsync(connection, transaction, customerIds, cancellationToken);
        var members = (await connection.QueryAsync<(Guid SegmentId, Guid CustomerId)>(new CommandDefinition(
            MembersSql, new { CustomerIds = customerIds }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var reasons = segments.ToDictionary(segment => segment, segment =>
            (Entered: $"rule v{segment.Version} holds (full recompute)", Left: $"rule v{segment.Version} no longer holds (full recompute)"));
        var changes = new List<MembershipChange>();
        foreach (var row in rows)
        {
            foreach (var segment in segments)
            {
                var holds = segment.Rule.Evaluate(row.Facts);
                if (holds != members.Contains((segment.Id, row.CustomerId)))
                {
                    changes.Add(holds
                        ? new MembershipChange(segment, row.CustomerId, MembershipChanges.Entered, reasons[segment].Entered)
                        : new MembershipChange(segment, row.CustomerId, MembershipChanges.Left, reasons[segment].Left));
                }
            }
        }

        return changes;
    }
}
