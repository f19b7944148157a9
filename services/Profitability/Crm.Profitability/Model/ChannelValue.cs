namespace Crm.Profitability.Model;

/// <summary>
/// What a channel earns and costs. <see cref="Costs"/> holds the product costs, channel costs and transaction-based
/// admin costs of its sales plus the contact costs and cost to serve of interactions on it. <see cref="ShareOfCustomers"/>
/// is the share of the period's buying customers who bought here; <see cref="RepeatRate"/> the share of this channel's
/// buyers who bought here on two or more days.
/// </summary>
public sealed record ChannelValue(
    string Channel,
    int Transactions,
    int Interactions,
    int Customers,
    decimal NetRevenue,
    decimal Costs,
    decimal Profit,
    decimal AverageOrderValue,
    double ShareOfCustomers,
    double RepeatRate);
