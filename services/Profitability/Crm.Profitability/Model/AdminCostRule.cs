namespace Crm.Profitability.Model;

/// <param name="Basis">One of <see cref="AdminCostBases"/>.</param>
/// <param name="Amount">The amount per customer-month or per transaction, or the rate of net revenue.</param>
public sealed record AdminCostRule(string Basis, decimal Amount);
