namespace Crm.Segmentation.Model.Rfm;

/// <summary>
/// The classic named RFM segments, read off the recency and frequency scores (the grid marketers use; monetary
/// value tends to follow frequency). Rows are recency 1..5, columns frequency 1..5.
/// </summary>
public static class RfmSegments
{
    public const string Champions = "champions";
    public const string LoyalCustomers = "loyalCustomers";
    public const string PotentialLoyalists = "potentialLoyalists";
    public const string NewCustomers = "newCustomers";
    public const string Promising = "promising";
    public const string NeedAttention = "needAttention";
    public const string AboutToSleep = "aboutToSleep";
    public const string AtRisk = "atRisk";
    public const string CannotLoseThem = "cannotLoseThem";
    public const string Hibernating = "hibernating";

    private static readonly string[,] Grid =
    {
        // one row per recency score 1..5; one column per frequency score 1..5
        { Hibernating, Hibernating, AtRisk, AtRisk, CannotLoseThem },
        { Hibernating, Hibernating, AtRisk, AtRisk, CannotLoseThem },
        { AboutToSleep, AboutToSleep, NeedAttention, LoyalCustomers, LoyalCustomers },
        { Promising, PotentialLoyalists, PotentialLoyalists, LoyalCustomers, LoyalCustomers },
        { NewCustomers, PotentialLoyalists, PotentialLoyalists, Champions, Champions },
    };

    public static IReadOnlyList<string> All { get; } =
        [Champions, LoyalCustomers, PotentialLoyalists, NewCustomers, Promising, NeedAttention, AboutToSleep, AtRisk, CannotLoseThem, Hibernating];

    public static string Name(int recency, int frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, 5);
        return Grid[recency - 1, frequency - 1];
    }
}
