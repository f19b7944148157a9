using Crm.Contracts.Segmentation;
using Dapper;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Keeps segment membership current as facts change: after a consumer has updated some customers' facts, every
/// segment's rule is evaluated for those customers and the differences with the members table are applied, in the
/// same transaction as the facts.
/// </summary>
public sealed class MembershipMaintainer(CustomerFactQueries facts, SegmentCatalog catalog, MembershipWriter writer)
{
    // Two events about one customer handled at once by different consumers (a value update and a consent change)
    // would each evaluate without the other's change; taking the customers' rows first makes the second wait and
    // then read both. Key order, so two batches sharing customers cannot deadlock here.
    private const string LockSql = """
        select customer_id from customer_facts where customer_id = any(@CustomerIds) order by customer_id for update
        """;

    private const string MembersSql = """
        select segment_id, customer_id from segment_members where customer_id = any(@CustomerIds)
        """;

    public async Task RefreshAsync(NpgsqlTransaction transaction, IEnumerable<Guid> customerIds, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var segments = await catalog.CurrentAsync(connection, transaction, cancellationToken);
        if (segments.Count == 0)
        {
            return;
        }

        var ids = customerIds.Distinct().ToArray();
        await connection.ExecuteAsync(new CommandDefinition(LockSql, new { CustomerIds = ids }, transaction, cancellationToken: cancellationToken));
        var rows = await facts.ReadManyAsync(connection, transaction, ids, cancellationToken);
        var members = (await connection.QueryAsync<(Guid SegmentId, Guid CustomerId)>(new CommandDefinition(
            MembersSql, new { CustomerIds = ids }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var changes = new List<MembershipChange>();
        foreach (var row in rows)
        {
            foreach (var segment in segments)
            {
                var holds = segment.Rule.Evaluate(row.Facts);
                var member = members.Contains((segment.Id, row.CustomerId));
                if (holds && !member)
                {
                    changes.Add(new MembershipChange(segment, row.CustomerId, MembershipChanges.Entered, $"rule v{segment.Version} holds"));
                }
                else if (!holds && member)
                {
                    changes.Add(new MembershipChange(segment, row.CustomerId, MembershipChanges.Left, $"rule v{segment.Version} no longer holds"));
                }
            }
        }

        await writer.ApplyAsync(transaction, changes, cancellationToken);
    }
}
