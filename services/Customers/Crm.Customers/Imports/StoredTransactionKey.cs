using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>
/// A transaction already recorded (or earlier in the batch), as a re-import or a return refers to it; <see cref="Sale"/>
/// when it is a sale a return may still name (not reversed).
/// </summary>
internal sealed record StoredTransactionKey(string ExternalId, Guid Id, Guid CustomerId, string Fingerprint, ReturnableSale? Sale);
