namespace Crm.Loyalty.Data;

/// <summary>What an adjustment or transfer did to the account it was made on (points signed as the ledger has them).</summary>
public sealed record ActionOutcome(ActionStatus Status, long Points, long Available = 0)
{
    public static readonly ActionOutcome NoAccount = new(ActionStatus.NoAccount, 0);

    public static ActionOutcome Done(long points) => new(ActionStatus.Done, points);

    public static ActionOutcome Repeated(long points) => new(ActionStatus.Repeated, points);

    public static ActionOutcome Insufficient(long available) => new(ActionStatus.Insufficient, 0, available);
}
