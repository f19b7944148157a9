namespace Crm.Loyalty.Data;

/// <summary>
/// What an adjustment or transfer did to the account it was made on (points signed as the ledger has them);
/// <see cref="MissingAccount"/> names the account that does not exist, the giver's or the recipient's.
/// </summary>
public sealed record ActionOutcome(ActionStatus Status, long Points, long Available = 0, Guid? MissingAccount = null)
{
    public static ActionOutcome NoAccount(Guid customerId) => new(ActionStatus.NoAccount, 0, MissingAccount: customerId);

    public static ActionOutcome Done(long points) => new(ActionStatus.Done, points);

    public static ActionOutcome Repeated(long points) => new(ActionStatus.Repeated, points);

    /// <summary>The key was used for another request, which moved <paramref name="points"/>.</summary>
    public static ActionOutcome KeyReused(long points) => new(ActionStatus.KeyReused, points);

    public static ActionOutcome Insufficient(long available) => new(ActionStatus.Insufficient, 0, available);
}
