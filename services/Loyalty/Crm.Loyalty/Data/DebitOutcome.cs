using Crm.Loyalty.Model.Expiry;

namespace Crm.Loyalty.Data;

/// <summary>What a debit took and from which batches; <see cref="Shortfall"/> is what the balance could not cover.</summary>
public sealed record DebitOutcome(long Taken, long Shortfall, IReadOnlyList<BatchDebit> Batches);
