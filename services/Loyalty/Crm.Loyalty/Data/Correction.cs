namespace Crm.Loyalty.Data;

/// <summary>A return (<see cref="ReturnedNet"/>: the net amount that came back) or a reversal (null) of a sale, once by its id.</summary>
public sealed record Correction(Guid CorrectionId, Guid TransactionId, Guid CustomerId, decimal? ReturnedNet);
