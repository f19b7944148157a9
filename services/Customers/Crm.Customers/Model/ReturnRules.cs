using System.Globalization;

namespace Crm.Customers.Model;

/// <summary>A sale that a return names, with what its returns recorded so far took back (gross revenue).</summary>
public sealed record ReturnableSale(Guid Id, string Currency, DateTimeOffset OccurredAt, decimal Revenue, decimal Returned);

/// <summary>
/// What a return may take back of its sale: money in the sale's currency, not before the sale, and, with the sale's
/// other returns, no more than the sale's revenue. Returns are posted by tills and imported from files alike; these
/// rules hold for both, so a sale cannot be refunded twice over in either.
/// </summary>
public static class ReturnRules
{
    /// <summary>Null when the return fits its sale; otherwise the field at fault and why.</summary>
    public static (string Field, string Message)? Check(ReturnableSale sale, string currency, DateTimeOffset occurredAt, decimal revenue)
    {
        if (!string.Equals(currency, sale.Currency, StringComparison.Ordinal))
        {
            return ("currency", $"must be the currency of the sale it returns, {sale.Currency}.");
        }

        if (occurredAt < sale.OccurredAt)
        {
            return ("occurredAt", string.Create(CultureInfo.InvariantCulture,
                $"must not be before the sale it returns ({sale.OccurredAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})."));
        }

        // Named by the sale it exceeds: the amount comes from the lines, but what limits it is the original.
        var left = sale.Revenue - sale.Returned;
        return revenue > left
            ? ("originalTransactionId", string.Create(CultureInfo.InvariantCulture,
                $"the return takes back {revenue:0.00} {currency}, more than the {left:0.00} left of the sale's {sale.Revenue:0.00} after its other returns."))
            : null;
    }
}
