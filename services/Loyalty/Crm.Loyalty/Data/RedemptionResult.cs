namespace Crm.Loyalty.Data;

/// <summary>How a reservation, confirmation or cancellation went.</summary>
public enum RedemptionResult
{
    /// <summary>Done now: the redemption was reserved, confirmed or cancelled by this request.</summary>
    Done,

    /// <summary>Done before: the same key's reservation, or a redemption already in the state asked for.</summary>
    Repeated,
    NoAccount,
    NotFound,

    /// <summary>No such reward, or one this member may not see: the two answer alike so hidden rewards stay hidden.</summary>
    NotAvailable,
    Withdrawn,
    OutOfStock,
    LimitReached,
    Insufficient,

    /// <summary>The key was used for a reservation of another reward.</summary>
    KeyReused,

    /// <summary>Confirming a cancelled redemption or cancelling a confirmed one.</summary>
    AlreadySettled,
}
