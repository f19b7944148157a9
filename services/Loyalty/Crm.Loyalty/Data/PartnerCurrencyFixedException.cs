namespace Crm.Loyalty.Data;

/// <summary>The partner has transactions in its currency, so the currency cannot change under their amounts.</summary>
public sealed class PartnerCurrencyFixedException(string currency) : Exception($"The partner's transactions are in {currency}.")
{
    public string Currency { get; } = currency;
}
