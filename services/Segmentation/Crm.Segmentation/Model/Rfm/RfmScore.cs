namespace Crm.Segmentation.Model.Rfm;

/// <summary>Recency, frequency and monetary quintile scores (5 is best) and the named RFM segment they place the customer in.</summary>
public sealed record RfmScore(int Recency, int Frequency, int Monetary, string Segment)
{
    /// <summary>"543": the three scores in the order the trade writes them.</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";
}
