namespace Crm.Loyalty.Model.Expiry;

/// <summary>More points were asked of a member's earning batches than they hold; nothing was taken.</summary>
public sealed class InsufficientPointsException(long requested, long available)
    : InvalidOperationException($"{requested} points were asked for but the batches hold only {available}.")
{
    public long Requested { get; } = requested;

    public long Available { get; } = available;
}
