namespace Crm.Profitability.Model;

/// <param name="LargestCostLine">The P&amp;L line that costs the most: why the customer is unprofitable.</param>
public sealed record UnprofitableCustomer(Guid CustomerId, decimal Profit, string LargestCostLine, ProfitAndLoss Lines);
