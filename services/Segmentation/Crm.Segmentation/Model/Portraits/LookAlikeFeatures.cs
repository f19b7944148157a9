namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// The behavioural facts look-alikes are compared on, in this order everywhere (the SQL reads them in it too): days
/// since the last purchase, purchase days, revenue, lifetime value, P(alive) and profit to date.
/// </summary>
public static class LookAlikeFeatures
{
    public const string RecencyDays = "recencyDays";
    public const string PurchaseDays = "purchaseDays";
    public const string Revenue = "revenue";
    public const string LifetimeValue = "lifetimeValue";
    public const string ProbabilityAlive = "probabilityAlive";
    public const string Profit = "profit";

    public static IReadOnlyList<string> All { get; } = [RecencyDays, PurchaseDays, Revenue, LifetimeValue, ProbabilityAlive, Profit];
}
