namespace Crm.Loyalty.Data;

/// <summary>
/// What a redemption request did: the redemption it concerns (when there is one), and for a refusal what stood in the
/// way (the reward's <see cref="Cost"/> against the <see cref="Available"/> points, the member's <see cref="Limit"/>).
/// </summary>
public sealed record RedemptionOutcome(RedemptionResult Result, Redemption? Redemption = null, long Cost = 0, long Available = 0, int Limit = 0)
{
    public static RedemptionOutcome Of(RedemptionResult result) => new(result);
}
