using Crm.Segmentation.Model.Rfm;

namespace Crm.Segmentation.Tests.Rfm;

public sealed class RfmScoringTests
{
    [Fact]
    public void Quintile_scores_split_a_uniform_population_into_five_equal_groups()
    {
        var customers = Enumerable.Range(1, 1_000).Select(i => new RfmInput(DaysSinceLastPurchase: i, PurchaseDays: i, Revenue: i)).ToList();
        var breakpoints = RfmBreakpoints.Of(customers);

        var scores = customers.Select(breakpoints.Score).ToList();

        Assert.All(Enumerable.Range(1, 5), score => Assert.Equal(200, scores.Count(s => s.Frequency == score)));
        Assert.All(Enumerable.Range(1, 5), score => Assert.Equal(200, scores.Count(s => s.Recency == score)));
        // The most recent buyer scores 5 on recency; the most frequent and biggest spender 5 on both others.
        Assert.Equal(5, breakpoints.Score(customers[0]).Recency);
        Assert.Equal((1, 5, 5), (scores[^1].Recency, scores[^1].Frequency, scores[^1].Monetary));
    }

    [Fact]
    public void A_new_customer_is_scored_against_the_current_population_without_re_ranking_it()
    {
        var breakpoints = new RfmBreakpoints(new Quintiles(10, 30, 60, 120), new Quintiles(1, 1, 2, 4), new Quintiles(50, 100, 200, 400));

        var score = breakpoints.Score(new RfmInput(DaysSinceLastPurchase: 3, PurchaseDays: 5, Revenue: 250m));

        Assert.Equal(new RfmScore(5, 5, 4, RfmSegments.Champions), score);
        Assert.Equal("554", score.Code);
        Assert.Equal(1, breakpoints.Score(new RfmInput(400, 1, 10m)).Recency);
        // Ties at a boundary stay in the lower group: one purchase day is "at most the 40th percentile" here.
        Assert.Equal(1, breakpoints.Score(new RfmInput(400, 1, 10m)).Frequency);
    }

    [Theory]
    [InlineData(5, 5, RfmSegments.Champions)]
    [InlineData(5, 1, RfmSegments.NewCustomers)]
    [InlineData(4, 1, RfmSegments.Promising)]
    [InlineData(4, 3, RfmSegments.PotentialLoyalists)]
    [InlineData(3, 4, RfmSegments.LoyalCustomers)]
    [InlineData(3, 3, RfmSegments.NeedAttention)]
    [InlineData(3, 1, RfmSegments.AboutToSleep)]
    [InlineData(2, 3, RfmSegments.AtRisk)]
    [InlineData(1, 5, RfmSegments.CannotLoseThem)]
    [InlineData(1, 1, RfmSegments.Hibernating)]
    public void The_named_segment_follows_the_recency_and_frequency_grid(int recency, int frequency, string segment) =>
        Assert.Equal(segment, RfmSegments.Name(recency, frequency));

    [Fact]
    public void Every_cell_of_the_grid_has_a_known_segment_name() =>
        Assert.All(
            from recency in Enumerable.Range(1, 5) from frequency in Enumerable.Range(1, 5) select RfmSegments.Name(recency, frequency),
            name => Assert.Contains(name, RfmSegments.All));

    [Fact]
    public void Quintiles_of_an_empty_population_score_everyone_alike()
    {
        var quintiles = Quintiles.Of([]);

        Assert.Equal(quintiles.ScoreHigherIsBetter(5), quintiles.ScoreHigherIsBetter(500));
    }
}
