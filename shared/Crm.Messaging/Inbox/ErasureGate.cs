using Dapper;
using Npgsql;

namespace Crm.Messaging.Inbox;

/// <summary>
/// Keeps a customer's erasure and writes about them from running into each other. Under read committed, an erasure
/// that commits while an import batch naming the person is still uncommitted deletes only what it can see: the batch
/// checked the erased list before the erasure committed, commits after it, and the person is back. So every consumer
/// transaction (and every job writing about customers) passes the gate, shared, before its first read; an erasure
/// closes it, exclusively, first. It then waits for the writes in flight to commit, and removes them too; writes that
/// start later wait for it, and see the person as erased.
/// </summary>
/// <remarks>
/// A transaction-scoped advisory lock in the service's own database: released at commit or rollback, never left
/// behind by a crash. Erasures are rare and short, so holding every writer off for one costs little.
/// </remarks>
public static class ErasureGate
{
    // 0x43524D_455241, "CRM" "ERA"; the outbox relay's turn uses another key.
    private const string Key = "74020762767937";

    /// <summary>Waits for any erasure in progress; holds the next one off until this transaction ends.</summary>
    public const string PassSql = $"select pg_advisory_xact_lock_shared({Key})";

    /// <summary>Waits for every write in flight and holds new ones off until this transaction ends.</summary>
    public const string CloseSql = $"select pg_advisory_xact_lock({Key})";

    /// <summary>Passes the gate (see <see cref="PassSql"/>): call first in a transaction that writes about customers.</summary>
    public static Task PassAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(PassSql, transaction: transaction, cancellationToken: cancellationToken));
}
