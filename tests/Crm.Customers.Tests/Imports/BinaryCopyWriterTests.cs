using Crm.Data.BinaryCopy;
using Crm.Testing;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// The import copies its rows with <see cref="BinaryCopyWriter"/>, its own encoder of PostgreSQL's binary COPY format.
/// Every value it writes must read back exactly as what Npgsql's importer stores for the same value.
/// </summary>
public sealed class BinaryCopyWriterTests : IAsyncLifetime
{
    private const string CreateSql = """
        create table {0} (row_no int4 not null, id uuid, label text, amount numeric, money numeric(16,2), at timestamptz, count int4)
        """;

    private static readonly decimal[] Amounts =
    [
        0m, 0.00m, decimal.Negate(0.00m), 1m, -1m, 0.5m, 0.05m, 0.0001m, 0.00005m, 123.45m, -123.45m, 1.000m, 10_000m,
        9_999.9999m, 100_000_000m, 12_345_678.9m, 1e-28m, -1e-28m, 0.1234567890123456789012345678m,
        18_446_744_073_709_551.615m, 18_446_744_073_709_551_616m, decimal.MaxValue, decimal.MinValue, decimal.MaxValue / 1e9m,
    ];

    private static readonly string[] Labels =
    [
        "", "plain", "Größe ñ 日本 😀", "quote ' \" and \\ backslash", "tab\tnew\nline", "x'); drop table t; --", new string('é', 70_000),
    ];

    private static readonly DateTimeOffset[] Instants =
    [
        new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
        new DateTimeOffset(2026, 12, 6, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4_567),
        new(1970, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
        new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
    ];

    private static readonly int[] Counts = [0, 1, -1, int.MaxValue, int.MinValue];

    private TestEnvironment _environment = null!;

    public async Task InitializeAsync() =>
        _environment = await (await TestInfrastructure.GetAsync()).CreateEnvironmentAsync("copydb");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_value_reads_back_as_npgsqls_importer_stores_it()
    {
        // More rows than one buffer holds, so the copy is sent in several writes; every tenth row is all nulls.
        var rows = Enumerable.Range(0, 5_000).Select(Row).ToList();
        await using var connection = _environment.OpenDatabase("copydb");
        await connection.ExecuteAsync(string.Format(CreateSql, "ours") + ";" + string.Format(CreateSql, "theirs"));

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, CopySql("ours"), CancellationToken.None))
        {
            foreach (var row in rows)
            {
                WriteOurs(copy, row);
                await copy.EndRowAsync(CancellationToken.None);
            }

            await copy.CompleteAsync(CancellationToken.None);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopySql("theirs")))
        {
            foreach (var row in rows)
            {
                await WriteTheirsAsync(importer, row);
            }

            await importer.CompleteAsync();
        }

        const string ReadSql = """
            select row_no as RowNo, id::text as Id, label as Label, amount::text as Amount, money::text as Money, at::text as At, count::text as Count
            from {0} order by row_no
            """;
        var ours = (await connection.QueryAsync<StoredRow>(string.Format(ReadSql, "ours"))).ToList();
        var theirs = (await connection.QueryAsync<StoredRow>(string.Format(ReadSql, "theirs"))).ToList();
        Assert.Equal(rows.Count, ours.Count);
        Assert.Equal(theirs, ours);

        // And the values are the ones written, not merely the same mistake twice.
        var amounts = await connection.QueryAsync<(int RowNo, decimal Amount)>("select row_no, amount from ours where amount is not null");
        Assert.All(amounts, stored => Assert.Equal(rows[stored.RowNo].Amount, stored.Amount));
        Assert.Contains(ours, row => row.Amount == "-123.45");
        Assert.Contains(ours, row => row.Amount == "0.00005");
        Assert.Contains(ours, row => row.Amount == "79228162514264337593543950335");
        Assert.Contains(ours, row => row.Label == Labels[2]);
    }

    [Fact]
    public async Task A_copy_disposed_before_it_completes_stores_nothing()
    {
        await using var connection = _environment.OpenDatabase("copydb");
        await connection.ExecuteAsync(string.Format(CreateSql, "abandoned"));
        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, CopySql("abandoned"), CancellationToken.None))
        {
            for (var i = 1; i < 5_000; i++)
            {
                WriteOurs(copy, Row(i));
                await copy.EndRowAsync(CancellationToken.None);
            }
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from abandoned"));
    }

    private static string CopySql(string table) => $"copy {table} (row_no, id, label, amount, money, at, count) from stdin (format binary)";

    private static SourceRow Row(int i) => i % 10 == 9
        ? new SourceRow(i, null, null, null, null, null, null)
        : new SourceRow(
            i,
            i % 3 == 0 ? Guid.Empty : Guid.CreateVersion7(Instants[2].AddSeconds(i)),
            Labels[i % Labels.Length],
            Amounts[i % Amounts.Length],
            // numeric(16,2) rounds what it is given: the typmod applies to copied values as to any input.
            Math.Round(Amounts[i % 12] * 1000m + i / 1000m, 5),
            Instants[i % Instants.Length],
            Counts[i % Counts.Length]);

    private static void WriteOurs(BinaryCopyWriter copy, SourceRow row)
    {
        copy.StartRow(7);
        copy.WriteInt32(row.RowNo);
        Write(row.Id, copy.WriteUuid);
        if (row.Label is { } label)
        {
            copy.WriteText(label);
        }
        else
        {
            copy.WriteNull();
        }

        Write(row.Amount, copy.WriteNumeric);
        Write(row.Money, copy.WriteNumeric);
        Write(row.At, copy.WriteTimestampTz);
        Write(row.Count, copy.WriteInt32);

        void Write<T>(T? value, Action<T> write) where T : struct
        {
            if (value is { } present)
            {
                write(present);
            }
            else
            {
                copy.WriteNull();
            }
        }
    }

    private static async Task WriteTheirsAsync(NpgsqlBinaryImporter importer, SourceRow row)
    {
        await importer.StartRowAsync();
        await importer.WriteAsync(row.RowNo, NpgsqlDbType.Integer);
        await importer.WriteAsync(row.Id, NpgsqlDbType.Uuid);
        await importer.WriteAsync(row.Label, NpgsqlDbType.Text);
        await importer.WriteAsync(row.Amount, NpgsqlDbType.Numeric);
        await importer.WriteAsync(row.Money, NpgsqlDbType.Numeric);
        // Npgsql takes only UTC offsets for timestamptz; the instant is the same.
        await importer.WriteAsync(row.At?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        await importer.WriteAsync(row.Count, NpgsqlDbType.Integer);
    }

    private sealed record SourceRow(int RowNo, Guid? Id, string? Label, decimal? Amount, decimal? Money, DateTimeOffset? At, int? Count);

    private sealed record StoredRow(int RowNo, string? Id, string? Label, string? Amount, string? Money, string? At, string? Count);
}
