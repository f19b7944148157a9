namespace Crm.Profitability.Model;

public static class Money
{
    /// <summary>An amount as reported: to the cent, halves away from zero (as accountants round).</summary>
    public static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
