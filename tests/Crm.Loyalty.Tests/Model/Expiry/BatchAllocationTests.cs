using Crm.Loyalty.Model.Expiry;

namespace Crm.Loyalty.Tests.Model.Expiry;

public sealed class BatchAllocationTests
{
    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static EarningBatch Batch(long id, DateTimeOffset earned, long remaining, int monthsToExpiry = 12) =>
        new(id, earned, earned.AddMonths(monthsToExpiry), remaining);

    private static List<EarningBatch> Apply(IEnumerable<EarningBatch> batches, IEnumerable<BatchDebit> debits)
    {
        var taken = debits.ToDictionary(debit => debit.BatchId, debit => debit.Points);
        return [.. batches.Select(batch => batch with { Remaining = batch.Remaining - taken.GetValueOrDefault(batch.Id) })];
    }

    [Fact]
    public void Spending_takes_the_batch_that_expires_first_partly_if_need_be()
    {
        EarningBatch[] batches = [Batch(1, On(2026, 3, 1), 100), Batch(2, On(2026, 1, 1), 100), Batch(3, On(2026, 2, 1), 50)];

        var debits = BatchAllocation.Take(batches, 170);

        Assert.Equal([new BatchDebit(2, 100), new BatchDebit(3, 50), new BatchDebit(1, 20)], debits);
    }

    [Fact]
    public void A_partial_redemption_leaves_the_rest_to_expire_at_its_own_date_not_all_at_once()
    {
        EarningBatch[] batches = [Batch(1, On(2026, 1, 15), 100), Batch(2, On(2026, 6, 15), 100)];

        var afterRedemption = Apply(batches, BatchAllocation.Take(batches, 150));

        Assert.Empty(BatchAllocation.Expiring(afterRedemption, On(2027, 1, 15)));
        var lapsing = Assert.Single(BatchAllocation.Expiring(afterRedemption, On(2027, 6, 15)));
        Assert.Equal(new EarningBatch(2, On(2026, 6, 15), On(2027, 6, 15), 50), lapsing);
    }

    [Fact]
    public void Batches_expiring_together_are_spent_in_the_order_they_were_earned_then_by_id()
    {
        var expiry = On(2027, 1, 1);
        EarningBatch[] batches = [new(9, On(2026, 5, 1), expiry, 10), new(4, On(2026, 6, 1), expiry, 10), new(7, On(2026, 5, 1), expiry, 10)];

        Assert.Equal([7L, 9L, 4L], BatchAllocation.Take(batches, 30).Select(debit => debit.BatchId));
    }

    [Fact]
    public void Asking_for_more_than_the_batches_hold_takes_nothing_and_says_how_much_there_is()
    {
        EarningBatch[] batches = [Batch(1, On(2026, 1, 1), 40), Batch(2, On(2026, 2, 1), 0)];

        var refused = Assert.Throws<InsufficientPointsException>(() => BatchAllocation.Take(batches, 50));

        Assert.Equal((50L, 40L), (refused.Requested, refused.Available));
    }

    [Fact]
    public void Spending_at_a_moment_leaves_out_batches_already_expired()
    {
        EarningBatch[] batches = [Batch(1, On(2025, 1, 1), 100), Batch(2, On(2026, 1, 1), 100)];
        var now = On(2026, 3, 1);

        Assert.Equal(100, BatchAllocation.Available(batches, now));
        Assert.Equal([new BatchDebit(2, 60)], BatchAllocation.Take(batches, 60, now));
    }

    [Fact]
    public void Batches_expire_from_their_expiry_moment_only_while_points_are_left()
    {
        EarningBatch[] batches = [Batch(1, On(2025, 1, 1), 30), Batch(2, On(2025, 2, 1), 0), Batch(3, On(2025, 3, 1), 70)];

        Assert.Empty(BatchAllocation.Expiring(batches, On(2026, 1, 1).AddTicks(-1)));
        Assert.Equal([1L], BatchAllocation.Expiring(batches, On(2026, 1, 1)).Select(batch => batch.Id));
        Assert.Equal([1L, 3L], BatchAllocation.Expiring(batches, On(2026, 3, 1)).Select(batch => batch.Id));
    }

    [Fact]
    public void Members_are_told_about_batches_expiring_within_the_notice_period_and_not_yet_expired()
    {
        EarningBatch[] batches =
        [
            Batch(1, On(2025, 11, 20), 30),  // expires 20 Nov 2026: already expired on the day of the check
            Batch(2, On(2025, 12, 5), 40),   // expires 5 Dec: within 30 days
            Batch(3, On(2025, 12, 20), 50),  // expires 20 Dec: exactly 30 days ahead
            Batch(4, On(2025, 12, 21), 60),  // expires 21 Dec: beyond the notice period
            Batch(5, On(2025, 12, 1), 0),    // spent
        ];

        var due = BatchAllocation.DueForNotice(batches, On(2026, 11, 20), TimeSpan.FromDays(30));

        Assert.Equal([2L, 3L], due.Select(batch => batch.Id));
    }
}
