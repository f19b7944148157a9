using Crm.Segmentation.Data;
using Crm.Testing;

namespace Crm.Segmentation.Tests;

/// <summary>
/// The segmentation service with a stand-in for the services whose events it follows. Fixtures add their settings in
/// <see cref="FollowingServiceFixture{TEntryPoint}.Configure"/>; the recompute schedule is off, tests run it themselves.
/// </summary>
public abstract class SegmentationServiceFixture() : FollowingServiceFixture<CustomerFactStore>("segmentationdb")
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Segmentation:RecomputeInterval"] = "00:00:00";
    }
}
