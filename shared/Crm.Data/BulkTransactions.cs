using Npgsql;

namespace Crm.Data;

public static class BulkTransactions
{
    /// <summary>
    /// Keeps the planner on the indexes for the rest of <paramref name="transaction"/>. A bulk write path grows its
    /// tables by hundreds of thousands of rows faster than autovacuum refreshes their statistics, and with stale ones
    /// the planner takes a sequential scan of a whole table for a batch's keyed look-up (<c>= any(@Ids)</c>), at a cost
    /// that grows with the table. Only for transactions whose every statement is such a look-up or a write.
    /// </summary>
    public static async Task PreferIndexesAsync(this NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("set local enable_seqscan = off", transaction.Connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
