namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// For an alive customer with a given x and T: the purchases expected over the whole horizon, and the same counted
/// month by month with each month's purchases discounted, Σ_m (U_m − U_{m−1}) / (1+d)^m.
/// </summary>
internal readonly record struct PurchaseOutlook(double Purchases, double DiscountedPurchases)
{
    /// <param name="monthEnds">The end of each month of the horizon, in the model's time unit.</param>
    /// <param name="discountFactors">1/(1+d)^m for each month m.</param>
    public static PurchaseOutlook For(BgNbdParameters parameters, int frequency, double age, double[] monthEnds, double[] discountFactors)
    {
        var months = monthEnds.Length;
        Span<double> cumulative = months <= 64 ? stackalloc double[months] : new double[months];
        AliveCustomerPurchases.Expected(parameters, frequency, age, monthEnds, cumulative);
        double previous = 0, discounted = 0;
        for (var m = 0; m < months; m++)
        {
            discounted += (cumulative[m] - previous) * discountFactors[m];
            previous = cumulative[m];
        }

        return new PurchaseOutlook(previous, discounted);
    }
}
