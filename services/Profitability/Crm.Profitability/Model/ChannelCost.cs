namespace Crm.Profitability.Model;

/// <summary>What using a channel costs: per transaction sold through it and per contact (interaction) made on it.</summary>
public sealed record ChannelCost(string Channel, decimal PerTransaction, decimal PerContact);
