namespace Crm.DemoData;

/// <summary>
/// What the generator makes. The buying process is BG/NBD (Fader, Hardie &amp; Lee 2005) with the shape parameters
/// of the published CDNOW fit (r, a); <see cref="Alpha"/> is a ninth of CDNOW's 4.41 weeks and <see cref="B"/> three
/// times CDNOW's 2.43, so that 50,000 customers make about 1.1 M transaction lines in three years. Spend follows
/// Gamma-Gamma with CDNOW's shapes and a scale for today's baskets in euros.
/// </summary>
public sealed record DemoDataSettings
{
    public int Customers { get; init; } = 50_000;

    public int Seed { get; init; } = 42;

    /// <summary>The last day of the history (inclusive); the default, yesterday, keeps every time in the past.</summary>
    public DateOnly EndDate { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public int Years { get; init; } = 3;

    public string Currency { get; init; } = "EUR";

    /// <summary>BG/NBD: purchase rate λ ~ Gamma(r, α) per week.</summary>
    public double R { get; init; } = 0.24;

    /// <summary>BG/NBD rate parameter in weeks (CDNOW: 4.41).</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>BG/NBD: dropout probability after each purchase p ~ Beta(a, b).</summary>
    public double A { get; init; } = 0.79;

    /// <summary>BG/NBD dropout parameter (CDNOW: 2.43; a third of CDNOW's dropout here).</summary>
    public double B { get; init; } = 7.29;

    /// <summary>A ceiling on λ (purchases per week): the Gamma tail would otherwise give a few daily shoppers.</summary>
    public double MaxWeeklyRate { get; init; } = 3;

    /// <summary>Gamma-Gamma: spend per transaction ~ Gamma(p, ν) with ν ~ Gamma(q, γ); mean spend p·γ/(q − 1).</summary>
    public double SpendP { get; init; } = 6.25;

    public double SpendQ { get; init; } = 3.74;

    public double SpendGamma { get; init; } = 26;

    /// <summary>Share of sales that are (partly) returned later.</summary>
    public double ReturnRate { get; init; } = 0.045;

    /// <summary>Share of sales with a promotional discount.</summary>
    public double DiscountRate { get; init; } = 0.12;

    /// <summary>Share of lines with a goodwill allowance (damaged goods, late delivery).</summary>
    public double AllowanceRate { get; init; } = 0.015;
}
