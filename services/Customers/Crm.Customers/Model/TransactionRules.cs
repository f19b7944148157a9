using Crm.Contracts.Customers;

namespace Crm.Customers.Model;

/// <summary>What makes a transaction valid, for single postings and imports alike.</summary>
public static class TransactionRules
{
    public const int MaxLines = 500;
    private const decimal MaxQuantity = 1_000_000m;
    private const decimal MaxAmount = 1_000_000_000m;
    private static readonly string[] Kinds = [TransactionKinds.Sale, TransactionKinds.Return];

    public static ValidationErrors Validate(PostTransaction transaction, DateTimeOffset now, TimeSpan futureTolerance)
    {
        var errors = new ValidationErrors();
        FieldRules.Required(errors, "transactionId", transaction.TransactionId, FieldRules.IdLength);
        FieldRules.Past(errors, "occurredAt", transaction.OccurredAt, now, futureTolerance);
        FieldRules.OneOf(errors, "channel", transaction.Channel, SalesChannels.All);
        FieldRules.Currency(errors, "currency", transaction.Currency);
        FieldRules.OneOf(errors, "kind", transaction.Kind ?? TransactionKinds.Sale, Kinds);
        if (transaction.Kind == TransactionKinds.Return)
        {
            FieldRules.Required(errors, "originalTransactionId", transaction.OriginalTransactionId, FieldRules.IdLength);
        }
        else if (transaction.OriginalTransactionId is not null)
        {
            errors.Add("originalTransactionId", "is only allowed on a return.");
        }

        if (transaction.Lines is not { Count: > 0 } lines)
        {
            errors.Add("lines", "must contain at least one line.");
            return errors;
        }

        if (lines.Count > MaxLines)
        {
            errors.Add("lines", $"must contain at most {MaxLines} lines.");
            return errors;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            ValidateLine(errors, LineFields.Of(i), lines[i]);
        }

        return errors;
    }

    public static void ValidateLine(ValidationErrors errors, string prefix, TransactionLineInput? line) =>
        ValidateLine(errors, new LineFields(prefix), line);

    private static void ValidateLine(ValidationErrors errors, LineFields fields, TransactionLineInput? line)
    {
        if (line is null)
        {
            errors.Add(fields.Line, "must be a line.");
            return;
        }

        FieldRules.Required(errors, fields.Sku, line.Sku, FieldRules.IdLength);
        FieldRules.Required(errors, fields.Category, line.Category, FieldRules.IdLength);
        if (line.Quantity <= 0)
        {
            errors.Add(fields.Quantity, "must be greater than zero (a return is a transaction of kind 'return', not a negative quantity).");
        }

        FieldRules.Amount(errors, fields.Quantity, line.Quantity, 3, MaxQuantity);
        FieldRules.Amount(errors, fields.UnitPrice, line.UnitPrice, 4, MaxAmount);
        FieldRules.Amount(errors, fields.Discount, line.Discount, 2, MaxAmount);
        FieldRules.Amount(errors, fields.Allowance, line.Allowance, 2, MaxAmount);
        FieldRules.Amount(errors, fields.UnitCost, line.UnitCost, 4, MaxAmount);

        // Only amounts within their ranges are multiplied, so the products fit a decimal; capping the line amounts
        // keeps a transaction of MaxLines lines within the stored totals (numeric(16,2)).
        if (!InRange(line.Quantity, MaxQuantity) || !InRange(line.UnitPrice, MaxAmount) || !InRange(line.UnitCost, MaxAmount)
            || !InRange(line.Discount, MaxAmount) || !InRange(line.Allowance, MaxAmount))
        {
            return;
        }

        if (line.Quantity * line.UnitPrice > MaxAmount)
        {
            errors.Add(fields.UnitPrice, $"quantity × unit price must be at most {MaxAmount}.");
        }

        if (line.Quantity * line.UnitCost > MaxAmount)
        {
            errors.Add(fields.UnitCost, $"quantity × unit cost must be at most {MaxAmount}.");
        }

        if (line.Discount + line.Allowance > line.Quantity * line.UnitPrice)
        {
            errors.Add(fields.Discount, "discount and allowance together must not exceed quantity × unit price.");
        }
    }

    private static bool InRange(decimal value, decimal max) => value >= 0 && value <= max;

    /// <summary>The field names of a line's problems; those of the first lines are made once (imports check millions of lines).</summary>
    private sealed class LineFields(string line)
    {
        private static readonly LineFields[] Cached = [.. Enumerable.Range(0, MaxLines).Select(i => new LineFields($"lines[{i}]"))];

        public string Line { get; } = line;

        public string Sku { get; } = $"{line}.sku";

        public string Category { get; } = $"{line}.category";

        public string Quantity { get; } = $"{line}.quantity";

        public string UnitPrice { get; } = $"{line}.unitPrice";

        public string Discount { get; } = $"{line}.discount";

        public string Allowance { get; } = $"{line}.allowance";

        public string UnitCost { get; } = $"{line}.unitCost";

        public static LineFields Of(int index) => index < Cached.Length ? Cached[index] : new LineFields($"lines[{index}]");
    }
}
