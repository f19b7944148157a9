namespace Crm.Profitability.Tests.Lifetime;

/// <summary>A test that needs the CDNOW calibration summary; skipped, saying where it was looked for, on a machine without it.</summary>
public sealed class CdnowFactAttribute : FactAttribute
{
    public CdnowFactAttribute()
    {
        if (!File.Exists(CdnowCustomerBase.File))
        {
            Skip = $"The CDNOW summary is not at {CdnowCustomerBase.File}; set CRM_CDNOW_SUMMARY to its path.";
        }
    }
}
