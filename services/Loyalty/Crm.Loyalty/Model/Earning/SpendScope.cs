namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// The part of a purchase a rule counts: its whole net amount, or the lines its categories and skus target.
/// Negative lines (discounts) reduce the targeted spend; the spend is never below zero.
/// </summary>
internal sealed class SpendScope
{
    private readonly EarningTransaction _transaction;

    // Null when the rule counts the whole purchase.
    private readonly bool[]? _lines;

    private SpendScope(EarningTransaction transaction, bool[]? lines, decimal spend)
    {
        _transaction = transaction;
        _lines = lines;
        Spend = spend;
    }

    public decimal Spend { get; }

    public static SpendScope Of(RuleTarget target, EarningTransaction transaction)
    {
        if (!target.RestrictsLines)
        {
            return new SpendScope(transaction, null, Math.Max(0m, transaction.NetAmount));
        }

        var lines = new bool[transaction.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = target.IncludesLine(transaction.Lines[i]);
        }

        return new SpendScope(transaction, lines, SpendOf(transaction, lines, null));
    }

    /// <summary>The share (0 to 1) of this scope's spend that the other scope also counts.</summary>
    public decimal ShareAlsoIn(SpendScope other)
    {
        if (Spend <= 0)
        {
            return 0m;
        }

        if (other._lines is null)
        {
            return 1m;
        }

        // A whole purchase's net amount can differ from the sum of its lines (order-level discounts): the share is capped.
        var shared = _lines is null ? other.Spend : SpendOf(_transaction, _lines, other._lines);
        return Math.Min(1m, shared / Spend);
    }

    private static decimal SpendOf(EarningTransaction transaction, bool[] lines, bool[]? alsoIn)
    {
        var spend = 0m;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] && (alsoIn is null || alsoIn[i]))
            {
                spend += transaction.Lines[i].NetAmount;
            }
        }

        return Math.Max(0m, spend);
    }
}
