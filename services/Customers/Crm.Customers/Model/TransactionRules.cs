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
            ValidateLine(errors, $"lines[{i}]", lines[i]);
        }

        return errors;
    }

    public static void ValidateLine(ValidationErrors errors, string prefix, TransactionLineInput? line)
    {
        if (line is null)
        {
            errors.Add(prefix, "must be a line.");
            return;
        }

        FieldRules.Required(errors, $"{prefix}.sku", line.Sku, FieldRules.IdLength);
        FieldRules.Required(errors, $"{prefix}.category", line.Category, FieldRules.IdLength);
        if (line.Quantity <= 0)
        {
            errors.Add($"{prefix}.quantity", "must be greater than zero (a return is a transaction of kind 'return', not a negative quantity).");
        }

        FieldRules.Amount(errors, $"{prefix}.quantity", line.Quantity, 3, MaxQuantity);
        FieldRules.Amount(errors, $"{prefix}.unitPrice", line.UnitPrice, 4, MaxAmount);
        FieldRules.Amount(errors, $"{prefix}.discount", line.Discount, 2, MaxAmount);
        FieldRules.Amount(errors, $"{prefix}.allowance", line.Allowance, 2, MaxAmount);
        FieldRules.Amount(errors, $"{prefix}.unitCost", line.UnitCost, 4, MaxAmount);

        // Only amounts within their ranges are multiplied, so the products fit a decimal; capping the line amounts
        // keeps a transaction of MaxLines lines within the stored totals (numeric(16,2)).
        if (!InRange(line.Quantity, MaxQuantity) || !InRange(line.UnitPrice, MaxAmount) || !InRange(line.UnitCost, MaxAmount)
            || !InRange(line.Discount, MaxAmount) || !InRange(line.Allowance, MaxAmount))
        {
            return;
        }

        if (line.Quantity * line.UnitPrice > MaxAmount)
        {
            errors.Add($"{prefix}.unitPrice", $"quantity × unit price must be at most {MaxAmount}.");
        }

        if (line.Quantity * line.UnitCost > MaxAmount)
        {
            errors.Add($"{prefix}.unitCost", $"quantity × unit cost must be at most {MaxAmount}.");
        }

        if (line.Discount + line.Allowance > line.Quantity * line.UnitPrice)
        {
            errors.Add($"{prefix}.discount", "discount and allowance together must not exceed quantity × unit price.");
        }
    }

    private static bool InRange(decimal value, decimal max) => value >= 0 && value <= max;
}
