using System.Text.Json;
using Crm.Contracts.Customers;
using Crm.Customers.Model;
using CsvHelper;

namespace Crm.Customers.Imports;

/// <summary>
/// Reads a transactions file into batches of checked transactions. CSV has one row per transaction line, adjacent
/// rows with the same transaction_id forming one transaction; NDJSON has one transaction per line.
/// </summary>
internal static class TransactionRowReader
{
    // Required columns first.
    private static readonly string[] Columns =
    [
        "transaction_id", "customer_id", "occurred_at", "channel", "currency", "sku", "category", "quantity", "unit_price",
        "discount", "allowance", "unit_cost", "kind", "original_transaction_id",
    ];

    private const int Required = 9;
    private const int TransactionId = 0, CustomerId = 1, OccurredAt = 2, Channel = 3, Currency = 4, Sku = 5, Category = 6,
        Quantity = 7, UnitPrice = 8, Discount = 9, Allowance = 10, UnitCost = 11, Kind = 12, Original = 13;

    // The columns every row of one transaction must repeat unchanged.
    private static readonly int[] HeaderColumns = [CustomerId, OccurredAt, Channel, Currency, Kind, Original];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Refuses a CSV file whose header or quoting is broken (<see cref="ImportCsv.CheckStructure"/>).</summary>
    public static void CheckCsv(string path, CancellationToken cancellationToken) =>
        ImportCsv.CheckStructure(path, Columns, Required, cancellationToken);

    public static IEnumerable<ImportBatch<ImportedTransaction>> Read(ImportContext context, CancellationToken cancellationToken) =>
        context.IsCsv ? ReadCsv(context, cancellationToken) : ReadNdjson(context, cancellationToken);

    private static IEnumerable<ImportBatch<ImportedTransaction>> ReadCsv(ImportContext context, CancellationToken cancellationToken)
    {
        using var reader = ImportCsv.Open(context.Path);
        var columns = ImportCsv.Columns(reader, Columns, Required);
        var batch = new ImportBatch<ImportedTransaction>();
        var batchLines = 0;
        var strings = new ImportStrings();
        CsvTransaction? current = null;
        while (Next(reader))
        {
            var line = reader.LineNumber;
            if (current is not null && !ImportCsv.Span(reader, columns[TransactionId]).SequenceEqual(current.IdBytes))
            {
                batchLines += Finish(current, batch, context);
                current = null;
                if (batchLines >= context.BatchRows)
                {
                    yield return batch;
                    cancellationToken.ThrowIfCancellationRequested();
                    batch = new ImportBatch<ImportedTransaction>();
                    batchLines = 0;
                }
            }

            if (current is null)
            {
                current = CsvTransaction.Start(reader, columns, line, strings);
            }
            else
            {
                current.Continue(reader, columns, line, strings);
            }
        }

        if (current is not null)
        {
            Finish(current, batch, context);
        }

        yield return batch;
    }

    private static bool Next(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException malformed)
        {
            throw ImportCsv.Malformed(malformed);
        }
    }

    /// <summary>Checks a complete CSV transaction and adds it or its rejection to the batch; returns its line count.</summary>
    private static int Finish(CsvTransaction transaction, ImportBatch<ImportedTransaction> batch, ImportContext context)
    {
        var lines = transaction.FileLines.ToArray();
        batch.RowsRead += lines.Length;
        if (lines.Length > TransactionRules.MaxLines)
        {
            transaction.Errors.Add((-1, "transaction_id", $"a transaction has at most {TransactionRules.MaxLines} lines; '{FieldRules.Shorten(transaction.ExternalId)}' has {lines.Length}."));
        }

        if (!transaction.HasErrors)
        {
            var posted = transaction.ToPosted();
            var rules = TransactionRules.Validate(posted, context.Now, context.FutureTolerance);
            FieldRules.Required(rules, "customerId", transaction.CustomerExternalId, FieldRules.IdLength);
            if (rules.IsEmpty)
            {
                batch.Items.Add(Accept(lines, posted, transaction.CustomerExternalId!));
                return lines.Length;
            }

            foreach (var (field, message) in rules.All)
            {
                var (index, name) = SplitLineField(field);
                transaction.Errors.Add((index, ImportFields.Name(name, csv: true), message));
            }
        }

        Reject(batch, lines, transaction.Errors, transaction.ExternalId);
        return lines.Length;
    }

    /// <summary>Every line of a rejected transaction is reported: with its own problems, or as rejected with the rest.</summary>
    private static void Reject(ImportBatch<ImportedTransaction> batch, long[] lines, List<(int Index, string? Field, string Message)> errors, string externalId)
    {
        batch.RowsRejected += lines.Length;
        var firstBad = errors.Where(error => error.Index >= 0).Select(error => lines[error.Index]).DefaultIfEmpty(0).Min();
        for (var i = 0; i < lines.Length; i++)
        {
            var reported = false;
            foreach (var error in errors)
            {
                if (error.Index == i || error.Index < 0)
                {
                    batch.Errors.Add(new ImportRowError(lines[i], error.Field, error.Message));
                    reported = true;
                }
            }

            if (!reported)
            {
                batch.Errors.Add(new ImportRowError(lines[i], null,
                    $"rejected with the rest of transaction '{FieldRules.Shorten(externalId)}' (see line {firstBad})."));
            }
        }
    }

    /// <summary>"lines[2].unitPrice" → (2, "unitPrice"); a transaction-level field → (-1, field).</summary>
    private static (int Index, string Field) SplitLineField(string field)
    {
        if (field.StartsWith("lines[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 6
            && int.TryParse(field.AsSpan(6, close - 6), out var index))
        {
            return (index, close + 2 <= field.Length ? field[(close + 2)..] : "line");
        }

        return (-1, field);
    }

    private static ImportedTransaction Accept(long[] fileLines, PostTransaction posted, string customerExternalId)
    {
        var lines = posted.Lines!;
        return new ImportedTransaction(
            fileLines, posted.TransactionId!, customerExternalId, posted.OccurredAt.ToUniversalTime(), posted.Channel!, posted.Currency!,
            posted.Kind ?? TransactionKinds.Sale, posted.OriginalTransactionId, lines, TransactionTotals.Of(lines),
            TransactionCategories.Of(lines), TransactionFingerprint.Of(posted));
    }

    private static IEnumerable<ImportBatch<ImportedTransaction>> ReadNdjson(ImportContext context, CancellationToken cancellationToken)
    {
        var batch = new ImportBatch<ImportedTransaction>();
        var batchLines = 0;
        foreach (var line in NdjsonReader.Lines(context.Path, cancellationToken))
        {
            var lineCount = Read(line, batch, context);
            batchLines += lineCount;
            if (batchLines >= context.BatchRows)
            {
                yield return batch;
                batch = new ImportBatch<ImportedTransaction>();
                batchLines = 0;
            }
        }

        yield return batch;
    }

    private static int Read(NdjsonLine line, ImportBatch<ImportedTransaction> batch, ImportContext context)
    {
        if (line.Unreadable is { } unreadableLine)
        {
            batch.RowsRead++;
            batch.RowsRejected++;
            batch.Errors.Add(unreadableLine);
            return 1;
        }

        TransactionImportLine? input;
        try
        {
            input = JsonSerializer.Deserialize<TransactionImportLine>(line.Json.Span, Json);
        }
        catch (JsonException unreadable)
        {
            batch.RowsRead++;
            batch.RowsRejected++;
            batch.Errors.Add(ImportFields.Unreadable(line.Number, unreadable));
            return 1;
        }

        if (input is null)
        {
            batch.RowsRead++;
            batch.RowsRejected++;
            batch.Errors.Add(new ImportRowError(line.Number, null, "must be a JSON object."));
            return 1;
        }

        // Rows of a transactions import are transaction lines, whatever the format.
        var rows = Math.Max(1, input.Lines?.Count ?? 0);
        batch.RowsRead += rows;
        var posted = new PostTransaction(input.TransactionId, input.OccurredAt, input.Channel, input.Currency, input.Lines, input.Kind, input.OriginalTransactionId);
        var errors = TransactionRules.Validate(posted, context.Now, context.FutureTolerance);
        FieldRules.Required(errors, "customerId", input.CustomerId, FieldRules.IdLength);
        if (!errors.IsEmpty)
        {
            batch.RowsRejected += rows;
            batch.Errors.AddRange(errors.All.Select(error => new ImportRowError(line.Number, error.Field, error.Message)));
            return rows;
        }

        batch.Items.Add(Accept([line.Number], posted, input.CustomerId!));
        return rows;
    }
}
