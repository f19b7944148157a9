namespace Crm.Loyalty.Data;

public enum PartnerTransactionResult
{
    Done,

    /// <summary>The partner posted this id before with the same content: nothing moved again, the first answer stands.</summary>
    Replayed,

    /// <summary>The partner posted this id before with different content: nothing moved.</summary>
    IdReused,

    NoAccount,

    /// <summary>A burn for more points than the member has available: nothing moved.</summary>
    Insufficient,
}
