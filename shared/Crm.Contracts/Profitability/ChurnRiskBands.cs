namespace Crm.Contracts.Profitability;

public static class ChurnRiskBands
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
}
