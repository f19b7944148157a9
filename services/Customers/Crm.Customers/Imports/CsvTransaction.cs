using Crm.Customers.Model;
using CsvHelper;

namespace Crm.Customers.Imports;

/// <summary>
/// The adjacent CSV rows of one transaction, gathered until its id changes. Problems found while parsing are kept
/// by row index (-1 for the transaction as a whole) so each line is reported with its own.
/// </summary>
/// <remarks>
/// A million-line file makes hundreds of thousands of these, so they allocate little: the first row's shared fields
/// are kept in one array, low-variety values come from <see cref="ImportStrings"/>, and the error list is made at the
/// first problem.
/// </remarks>
internal sealed class CsvTransaction
{
    private const int TransactionId = 0, CustomerId = 1, OccurredAt = 2, Channel = 3, Currency = 4, Sku = 5, Category = 6,
        Quantity = 7, UnitPrice = 8, Discount = 9, Allowance = 10, UnitCost = 11, Kind = 12, Original = 13;

    private static readonly (int Column, string Name)[] SharedColumns =
    [
        (CustomerId, "customer_id"), (OccurredAt, "occurred_at"), (Channel, "channel"), (Currency, "currency"),
        (Kind, "kind"), (Original, "original_transaction_id"),
    ];

    // The id's bytes, then each shared column's bytes as the first row had them; _ends[i] is where field i ends.
    private readonly byte[] _first;
    private readonly int[] _ends;
    private readonly List<TransactionLineInput> _lines = new(4);
    private List<(int Index, string? Field, string Message)>? _errors;
    private DateTimeOffset _occurredAt;
    private string? _channel, _currency, _kind, _original;

    private CsvTransaction(byte[] first, int[] ends, string externalId)
    {
        _first = first;
        _ends = ends;
        ExternalId = externalId;
    }

    public ReadOnlySpan<byte> IdBytes => _first.AsSpan(0, _ends[0]);

    public string ExternalId { get; }

    public string? CustomerExternalId { get; private set; }

    public List<long> FileLines { get; } = new(4);

    public bool HasErrors => _errors is { Count: > 0 };

    public List<(int Index, string? Field, string Message)> Errors => _errors ??= [];

    public static CsvTransaction Start(CsvReader reader, int[] columns, long line, ImportStrings strings)
    {
        var id = ImportCsv.Span(reader, columns[TransactionId]);
        var ends = new int[SharedColumns.Length + 1];
        var length = id.Length;
        ends[0] = length;
        for (var i = 0; i < SharedColumns.Length; i++)
        {
            length += ImportCsv.Span(reader, columns[SharedColumns[i].Column]).Length;
            ends[i + 1] = length;
        }

        var first = new byte[length];
        id.CopyTo(first);
        for (var i = 0; i < SharedColumns.Length; i++)
        {
            ImportCsv.Span(reader, columns[SharedColumns[i].Column]).CopyTo(first.AsSpan(ends[i]));
        }

        var transaction = new CsvTransaction(first, ends, ImportCsv.Text(reader, columns[TransactionId]) ?? "")
        {
            CustomerExternalId = ImportCsv.Text(reader, columns[CustomerId]),
            _channel = strings.Get(ImportCsv.Span(reader, columns[Channel])),
            _currency = strings.Get(ImportCsv.Span(reader, columns[Currency])),
            _kind = strings.Get(ImportCsv.Span(reader, columns[Kind])),
            _original = ImportCsv.Text(reader, columns[Original]),
        };
        var occurredAt = ImportCsv.Span(reader, columns[OccurredAt]);
        if (occurredAt.IsEmpty)
        {
            transaction.Errors.Add((-1, "occurred_at", "is required."));
        }
        else if (!ImportValues.TryMoment(occurredAt, out transaction._occurredAt))
        {
            transaction.Errors.Add((-1, "occurred_at", ImportValues.MomentMessage));
        }

        transaction.AddLine(reader, columns, line, strings);
        return transaction;
    }

    public void Continue(CsvReader reader, int[] columns, long line, ImportStrings strings)
    {
        var index = FileLines.Count;
        for (var i = 0; i < SharedColumns.Length; i++)
        {
            if (!ImportCsv.Span(reader, columns[SharedColumns[i].Column]).SequenceEqual(_first.AsSpan(_ends[i], _ends[i + 1] - _ends[i])))
            {
                Errors.Add((index, SharedColumns[i].Name, $"must be the same on every line of transaction '{FieldRules.Shorten(ExternalId)}'."));
            }
        }

        AddLine(reader, columns, line, strings);
    }

    public PostTransaction ToPosted() => new(ExternalId, _occurredAt, _channel, _currency, _lines, _kind, _original);

    private void AddLine(CsvReader reader, int[] columns, long line, ImportStrings strings)
    {
        var index = FileLines.Count;
        FileLines.Add(line);
        if (!ImportCsv.IsText(reader))
        {
            Errors.Add((index, null, ImportValues.NotTextMessage));
        }

        if (index >= TransactionRules.MaxLines)
        {
            // Rejected as a whole anyway; its lines are not kept.
            return;
        }

        var quantity = Amount(reader, columns[Quantity], "quantity", index, required: true);
        var unitPrice = Amount(reader, columns[UnitPrice], "unit_price", index, required: true);
        var discount = Amount(reader, columns[Discount], "discount", index, required: false);
        var allowance = Amount(reader, columns[Allowance], "allowance", index, required: false);
        var unitCost = Amount(reader, columns[UnitCost], "unit_cost", index, required: false);
        _lines.Add(new TransactionLineInput(
            ImportCsv.Text(reader, columns[Sku]), strings.Get(ImportCsv.Span(reader, columns[Category])), quantity, unitPrice, discount, allowance, unitCost));
    }

    private decimal Amount(CsvReader reader, int column, string name, int index, bool required)
    {
        var text = ImportCsv.Span(reader, column);
        if (text.IsEmpty)
        {
            if (required)
            {
                Errors.Add((index, name, "is required."));
            }

            return 0;
        }

        if (ImportValues.TryDecimal(text, out var value))
        {
            return value;
        }

        Errors.Add((index, name, "must be a number such as 12.50."));
        return 0;
    }
}
