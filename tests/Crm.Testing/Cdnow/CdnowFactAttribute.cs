using Xunit;

namespace Crm.Testing.Cdnow;

/// <summary>A test that needs the CDNOW master file; skipped, saying where it was looked for, on a machine without it.</summary>
public sealed class CdnowFactAttribute : FactAttribute
{
    public CdnowFactAttribute()
    {
        if (!File.Exists(CdnowConverter.MasterFile))
        {
            Skip = $"The CDNOW master file is not at {CdnowConverter.MasterFile}; set CRM_CDNOW_MASTER to its path.";
        }
    }
}
