namespace Crm.Profitability.Model;

/// <param name="ExcludedTransactions">Transactions in the period in another currency than the reporting one: without
/// exchange rates they are left out, and counted here so nothing is left out silently.</param>
public sealed record CustomerProfitAndLoss(
    Guid CustomerId,
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    int Transactions,
    int Interactions,
    ProfitAndLoss Lines,
    int ExcludedTransactions);
