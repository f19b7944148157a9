namespace Crm.Segmentation.Model.Rfm;

/// <summary>
/// The population's quintiles of recency (days since the last purchase), frequency (purchase days) and monetary
/// value (revenue), recomputed by a full recompute and used to score each customer as their purchases arrive.
/// </summary>
public sealed record RfmBreakpoints(Quintiles Recency, Quintiles Frequency, Quintiles Monetary)
{
    public static RfmBreakpoints Of(IReadOnlyList<RfmInput> customers)
    {
        var recency = new double[customers.Count];
        var frequency = new double[customers.Count];
        var monetary = new double[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            recency[i] = customers[i].DaysSinceLastPurchase;
            frequency[i] = customers[i].PurchaseDays;
            monetary[i] = (double)customers[i].Revenue;
        }

        return new RfmBreakpoints(Quintiles.Of(recency), Quintiles.Of(frequency), Quintiles.Of(monetary));
    }

    public RfmScore Score(RfmInput customer)
    {
        var recency = Recency.ScoreLowerIsBetter(customer.DaysSinceLastPurchase);
        var frequency = Frequency.ScoreHigherIsBetter(customer.PurchaseDays);
        var monetary = Monetary.ScoreHigherIsBetter((double)customer.Revenue);
        return new RfmScore(recency, frequency, monetary, RfmSegments.Name(recency, frequency));
    }
}
