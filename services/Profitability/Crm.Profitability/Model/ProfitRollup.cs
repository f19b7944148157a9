namespace Crm.Profitability.Model;

/// <summary>The P&amp;L of a group of customers (an acquisition source, a segment).</summary>
public sealed record ProfitRollup(string Group, int Customers, ProfitAndLoss Lines, decimal ProfitPerCustomer);
