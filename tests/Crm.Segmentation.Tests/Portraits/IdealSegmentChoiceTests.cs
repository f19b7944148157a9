using Crm.Segmentation.Model.Portraits;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>The ideal customer's segment is the one with the highest average profit per member among those big enough.</summary>
public sealed class IdealSegmentChoiceTests
{
    [Fact]
    public void The_highest_average_profit_wins_among_segments_with_enough_members_and_the_reason_says_so()
    {
        var tiny = new IdealSegmentCandidate(Guid.NewGuid(), "Tiny but rich", 5, 5, 50_000m);
        var broad = new IdealSegmentCandidate(Guid.NewGuid(), "Broad", 400, 380, 40_000m);      // 100 per member
        var stars = new IdealSegmentCandidate(Guid.NewGuid(), "Stars", 40, 40, 8_000m);         // 200 per member
        var unvalued = new IdealSegmentCandidate(Guid.NewGuid(), "Not valued yet", 90, 0, 0m);

        var choice = IdealSegmentChoice.Among([tiny, broad, stars, unvalued], minimumMembers: 30)!;

        Assert.Equal(stars, choice.Segment);
        Assert.Equal([stars, broad], choice.Ranking);
        Assert.Equal(200m, choice.Segment.AverageProfit);
        Assert.Equal(
            "'Stars' has the highest average profit per member (200.00 over 40 members) of the 2 segment(s) with at least 30 members; next is 'Broad' (100.00).",
            choice.Reason);
    }

    [Fact]
    public void Ties_go_to_the_bigger_segment_and_no_segment_big_enough_means_no_ideal()
    {
        var small = new IdealSegmentCandidate(Guid.NewGuid(), "A", 30, 30, 3_000m);
        var big = new IdealSegmentCandidate(Guid.NewGuid(), "B", 60, 60, 6_000m);

        Assert.Equal(big, IdealSegmentChoice.Among([small, big], 30)!.Segment);
        Assert.Null(IdealSegmentChoice.Among([small, big], 61));
    }
}
