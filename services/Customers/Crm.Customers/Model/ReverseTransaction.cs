namespace Crm.Customers.Model;

/// <summary>The body of a reversal: why the transaction is cancelled.</summary>
public sealed record ReverseTransaction(string? Reason);
