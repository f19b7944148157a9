namespace Crm.Testing.Cdnow;

/// <summary>One customer of the published calibration summary: ID, x, t_x, T (weeks) and zbar.</summary>
public sealed record CdnowSummaryRow(string Id, int Frequency, double Recency, double Age, double MonetaryValue);
