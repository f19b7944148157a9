namespace Crm.Customers.Imports;

/// <summary>A transaction already recorded (or earlier in the batch), as a re-import or a return refers to it.</summary>
internal sealed record StoredTransactionKey(string ExternalId, Guid Id, Guid CustomerId, string Fingerprint);
