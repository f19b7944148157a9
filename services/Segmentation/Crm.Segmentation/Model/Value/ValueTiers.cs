namespace Crm.Segmentation.Model.Value;

/// <summary>
/// Named value tiers over lifetime-value deciles — the top tenth, the next two tenths, the middle three, the rest —
/// and profit bands over profit to date. The shares follow the usual customer pyramid: a few customers carry most
/// of the value and get the most attention.
/// </summary>
public static class ValueTiers
{
    public const string Platinum = "platinum";
    public const string Gold = "gold";
    public const string Silver = "silver";
    public const string Bronze = "bronze";

    public const string Loss = "loss";
    public const string BreakEven = "breakEven";
    public const string Profitable = "profitable";

    public static IReadOnlyList<string> All { get; } = [Platinum, Gold, Silver, Bronze];

    public static string OfDecile(int decile) => decile switch
    {
        10 => Platinum,
        8 or 9 => Gold,
        >= 5 and <= 7 => Silver,
        >= 1 and <= 4 => Bronze,
        _ => throw new ArgumentOutOfRangeException(nameof(decile), decile, "A decile is 1 to 10."),
    };

    /// <summary>Loss below zero; break-even up to <paramref name="breakEvenMargin"/>; profitable above.</summary>
    public static string ProfitBand(decimal profit, decimal breakEvenMargin) =>
        profit < 0 ? Loss : profit <= breakEvenMargin ? BreakEven : Profitable;
}
