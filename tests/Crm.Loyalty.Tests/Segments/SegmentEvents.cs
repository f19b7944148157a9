using Crm.Contracts.Segmentation;

namespace Crm.Loyalty.Tests.Segments;

/// <summary>Segment events as the segmentation service publishes them, each waited for until loyalty has consumed it.</summary>
internal static class SegmentEvents
{
    public static async Task ChangeMembershipAsync(this LoyaltyFixture fixture, Guid member, Guid segment, string name, int version, string change)
    {
        var changed = new SegmentMembershipsChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow,
            [new SegmentMembershipChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, member, segment, name, version, change, "rule holds")]);
        await fixture.PublishAsync(changed);
        await fixture.ConsumedAsync(changed.EventId);
    }

    public static async Task ReviseAsync(this LoyaltyFixture fixture, Guid segment, string name, int version, string previousName)
    {
        var revised = new SegmentRevised(Guid.CreateVersion7(), DateTimeOffset.UtcNow, segment, name, version, previousName);
        await fixture.PublishAsync(revised);
        await fixture.ConsumedAsync(revised.EventId);
    }
}
