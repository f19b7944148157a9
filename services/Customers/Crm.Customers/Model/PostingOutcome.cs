namespace Crm.Customers.Model;

/// <summary>What became of a posted transaction or interaction.</summary>
public enum PostingOutcome
{
    /// <summary>Stored now.</summary>
    Created,

    /// <summary>Stored earlier with the same content: a retry, answered as the first time.</summary>
    Replayed,

    /// <summary>The business id is taken by different content.</summary>
    IdTaken,

    CustomerNotFound,
    CustomerErased,

    /// <summary>A return whose original sale is unknown, belongs to someone else or is itself a return.</summary>
    OriginalNotFound,

    /// <summary>A return that does not fit its sale (<see cref="ReturnRules"/>).</summary>
    ReturnRefused,
}
