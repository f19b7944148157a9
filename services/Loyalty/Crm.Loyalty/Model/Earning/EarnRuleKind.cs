namespace Crm.Loyalty.Model.Earning;

/// <summary>What an earn rule rewards: spend, a promotion on top of spend, crossing a spend level, a repeat visit, or a business event.</summary>
public enum EarnRuleKind
{
    /// <summary>Base points per currency unit of net spend (the gratuity rate).</summary>
    Base,

    /// <summary>Double/triple points windows and promotions: a multiple of the base points earlier rules gave.</summary>
    Multiplier,

    /// <summary>Incremental points: a bonus when the customer's spend in a period crosses a level.</summary>
    Threshold,

    /// <summary>A bonus on the Nth purchase in a period (every Nth with repeat).</summary>
    Frequency,

    /// <summary>A bonus for an event such as a completed survey, a referral, a birthday or a completed profile.</summary>
    Event,
}
