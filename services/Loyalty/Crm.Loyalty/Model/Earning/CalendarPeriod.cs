namespace Crm.Loyalty.Model.Earning;

/// <summary>A calendar period (UTC) over which rules count purchases, spend and capped points; weeks are ISO weeks.</summary>
public enum CalendarPeriod
{
    Day,
    Week,
    Month,
    Quarter,
    Year,

    /// <summary>The customer's whole membership: counts never reset.</summary>
    Lifetime,
}
