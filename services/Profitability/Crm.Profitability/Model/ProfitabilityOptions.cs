namespace Crm.Profitability.Model;

/// <summary>Configuration section <c>Profitability</c>.</summary>
public sealed class ProfitabilityOptions
{
    public const string Section = "Profitability";

    /// <summary>The currency P&amp;Ls, cost models and lifetime values are kept in; other currencies are counted, not converted.</summary>
    public string ReportingCurrency { get; set; } = "EUR";
}
