using System.Data;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// One database snapshot read through several connections at once, so a full recompute can read the members, the
/// consents and two halves of the facts side by side (on two cores) and still compare like with like: every reader
/// sees the database as it was at the same instant.
/// </summary>
internal sealed class RecomputeSnapshot : IAsyncDisposable
{
    private const string ExportSql = "select pg_export_snapshot()";

    private const string BlocksSql = "select pg_relation_size('customer_facts') / current_setting('block_size')::bigint";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _id;
    private readonly List<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> _readers = [];

    private RecomputeSnapshot(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, string id)
    {
        _dataSource = dataSource;
        _id = id;
        _readers.Add((connection, transaction));
    }

    /// <summary>The transaction that took the snapshot (kept open while others join it).</summary>
    public NpgsqlTransaction First => _readers[0].Transaction;

    public static async Task<RecomputeSnapshot> TakeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var command = new NpgsqlCommand(ExportSql, connection, transaction);
            var id = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (!id.All(c => char.IsAsciiHexDigit(c) || c == '-'))
            {
                throw new InvalidOperationException($"Unexpected snapshot id '{id}'.");
            }

            return new RecomputeSnapshot(dataSource, connection, transaction, id);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another connection reading the same snapshot.</summary>
    public async Task<NpgsqlTransaction> JoinAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            // SET TRANSACTION SNAPSHOT takes no parameter; the id is the database's own, checked when taken.
            await using var command = new NpgsqlCommand($"set transaction snapshot '{_id}'", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            _readers.Add((connection, transaction));
            return transaction;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The facts table's blocks split into <paramref name="parts"/> ranges; the last is open-ended.</summary>
    public async Task<IReadOnlyList<(long From, long To)>> FactBlocksAsync(int parts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(BlocksSql, First.Connection, First);
        var blocks = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return [.. Enumerable.Range(0, parts).Select(part => (blocks * part / parts, part == parts - 1 ? uint.MaxValue : blocks * (part + 1) / parts))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, transaction) in _readers)
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
