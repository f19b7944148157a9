namespace Crm.Loyalty.Model.Partners;

/// <summary>What a webhook's timestamp says about the delivery: fresh, not a number, or outside the tolerance.</summary>
public enum TimestampVerdict
{
    Fresh,
    Malformed,
    TooOld,
    TooFarAhead,
}
