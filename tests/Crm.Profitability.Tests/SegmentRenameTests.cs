using Crm.Contracts.Segmentation;
using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Crm.Testing;
using Dapper;
using static Crm.Profitability.Tests.ProfitabilityFixture;

namespace Crm.Profitability.Tests;

/// <summary>
/// The P&amp;L by segment names each segment by its newest version, learnt from <see cref="SegmentRevised"/> and from the
/// names membership changes carry, whatever order they arrive in. Each test reads its own year.
/// </summary>
public sealed class SegmentRenameTests(ProfitabilityFixture fixture) : IClassFixture<ProfitabilityFixture>
{
    [Fact]
    public async Task A_renamed_segment_shows_its_new_name_in_the_pnl_by_segment_though_no_member_entered_or_left()
    {
        var year = Year(2071);
        var (member, segment) = (Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAsync(
            Transactions(Sale(member, year.AddDays(1), revenue: 50)),
            Memberships(Entered(member, segment, "Gold", version: 1)));
        await Eventually.ReturnsAsync(() => RollupOfAsync(segment, year), row => row?.Segment == "Gold", because: "for the member to be in Gold");

        await fixture.PublishAsync(Revised(segment, "Premium", version: 2, previousName: "Gold"));

        var row = await Eventually.ReturnsAsync(() => RollupOfAsync(segment, year), row => row?.Segment != "Gold", because: "for the new name");
        Assert.Equal((segment, "Premium", 1, 50m), (row!.SegmentId, row.Segment, row.Customers, row.Lines.NetRevenue));
    }

    [Fact]
    public async Task A_late_older_name_does_not_undo_a_newer_one_whether_a_membership_change_or_a_revision_carries_it()
    {
        var year = Year(2072);
        var (first, second, segment) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAsync(
            Transactions(Sale(first, year.AddDays(1), revenue: 50), Sale(second, year.AddDays(2), revenue: 30)),
            Memberships(Entered(first, segment, "Gold", version: 1)));
        await Eventually.ReturnsAsync(() => RollupOfAsync(segment, year), row => row?.Segment == "Gold", because: "for the first member to be in Gold");
        await fixture.PublishAsync(Revised(segment, "Platinum", version: 3, previousName: "Premium"));
        await Eventually.ReturnsAsync(() => RollupOfAsync(segment, year), row => row?.Segment == "Platinum", because: "for version 3's name");

        // Version 2's membership change and its revision arrive after version 3.
        var lateRevision = Revised(segment, "Premium", version: 2, previousName: "Gold");
        await fixture.PublishAsync(Memberships(Entered(second, segment, "Premium", version: 2)), lateRevision);
        await Eventually.ReturnsAsync(() => RollupOfAsync(segment, year), row => row?.Customers == 2, because: "for the late member");
        await WaitUntilConsumedAsync(lateRevision.EventId);

        var row = await RollupOfAsync(segment, year);
        Assert.Equal((segment, "Platinum", 2, 80m), (row!.SegmentId, row.Segment, row.Customers, row.Lines.NetRevenue));
    }

    [Fact]
    public async Task A_revision_of_a_segment_without_members_changes_nothing_in_the_pnl_by_segment()
    {
        var year = Year(2073);
        var (member, segment, empty) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAsync(
            Transactions(Sale(member, year.AddDays(1), revenue: 40)),
            Memberships(Entered(member, segment, "Regulars", version: 1)));
        var before = await Eventually.ReturnsAsync(() => BySegmentAsync(year), rows => rows.Count == 1, because: "for the member to be in Regulars");

        var revision = Revised(empty, "Dormant", version: 1, previousName: null);
        await fixture.PublishAsync(revision);
        await WaitUntilConsumedAsync(revision.EventId);

        var after = await BySegmentAsync(year);
        Assert.Equal(before, after);
        Assert.DoesNotContain(after, row => row.SegmentId == empty);
    }

    [Fact]
    public async Task The_migration_names_each_known_segment_after_its_latest_membership_change_as_version_0()
    {
        var (renamed, unchanged) = (Guid.NewGuid(), Guid.NewGuid());
        var at = DateTimeOffset.UtcNow;
        await using var connection = fixture.OpenDatabase();
        await using var transaction = await connection.BeginTransactionAsync();
        // The migrations run again in a schema of their own (rolled back), on memberships stored before segment_names existed.
        var schema = $"backfill_{Guid.NewGuid():N}";
        await connection.ExecuteAsync($"create schema {schema}; set local search_path to {schema}", transaction: transaction);
        await connection.ExecuteAsync(Migration("V4__segment_memberships.sql"), transaction: transaction);
        await connection.ExecuteAsync(
            """
            insert into segment_memberships (customer_id, segment_id, segment_name, is_member, changed_at)
            values (gen_random_uuid(), @renamed, 'Gold', true, @Older), (gen_random_uuid(), @renamed, 'Premium', false, @Newer),
                   (gen_random_uuid(), @unchanged, 'Regulars', true, @Older)
            """,
            new { renamed, unchanged, Older = at.AddHours(-1).UtcDateTime, Newer = at.UtcDateTime }, transaction);

        await connection.ExecuteAsync(Migration("V6__segment_names.sql"), transaction: transaction);

        var names = (await connection.QueryAsync<(Guid SegmentId, string Name, int Version)>(
            "select segment_id, name, version from segment_names order by name", transaction: transaction)).ToList();
        Assert.Equal(new (Guid, string, int)[] { (renamed, "Premium", 0), (unchanged, "Regulars", 0) }, names);
        await transaction.RollbackAsync();
    }

    private async Task<List<SegmentProfitRollup>> BySegmentAsync(DateTimeOffset year) =>
        await fixture.GetAsync<List<SegmentProfitRollup>>($"/api/profitability/pnl/by-segment?{Period(year)}");

    private async Task<SegmentProfitRollup?> RollupOfAsync(Guid segmentId, DateTimeOffset year) =>
        (await BySegmentAsync(year)).SingleOrDefault(row => row.SegmentId == segmentId);

    private Task WaitUntilConsumedAsync(Guid eventId) => Eventually.ReturnsAsync(
        () => fixture.ScalarAsync<long>("select count(*) from inbox where message_id = @eventId", new { eventId }),
        count => count == 1, because: $"for {eventId} to be consumed");

    private static string Migration(string file)
    {
        using var stream = typeof(PnlQueries).Assembly.GetManifestResourceStream($"Crm.Profitability.Migrations.{file}")
            ?? throw new InvalidOperationException($"No embedded migration {file}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SegmentMembershipsChanged Memberships(params SegmentMembershipChanged[] changes) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, changes);

    private static SegmentMembershipChanged Entered(Guid customerId, Guid segmentId, string segment, int version) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, segmentId, segment, version, MembershipChanges.Entered, "rule");

    private static SegmentRevised Revised(Guid segmentId, string name, int version, string? previousName) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, segmentId, name, version, previousName);

    private static DateTimeOffset Year(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Period(DateTimeOffset year) => $"from={year:yyyy-MM-dd}&to={year.AddYears(1):yyyy-MM-dd}";
}
