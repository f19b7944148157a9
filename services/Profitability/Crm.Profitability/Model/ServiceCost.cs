namespace Crm.Profitability.Model;

/// <summary>The cost to serve one interaction of a type (a call, a ticket, a visit), used when the interaction does not carry its own.</summary>
public sealed record ServiceCost(string InteractionType, decimal Cost);
