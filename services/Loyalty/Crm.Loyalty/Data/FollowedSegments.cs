using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// The segments each member is in, followed from the segmentation service by segment id, each row carrying the
/// segment's current name (what earn rules and rewards name). Versions only grow, so the name of the highest version
/// seen is current, whichever event brought it: membership changes and revisions travel in different streams.
/// </summary>
public sealed class FollowedSegments
{
    // Rows followed before segments were followed by id stand under an id made from their name; the first event that
    // names the segment by that name (as its name or its previous one) gives them the real id and the segment's newest
    // known name. Best effort for that legacy data: a member who left in a batch processed before the event naming the
    // old name stays in until they next change.
    private const string AdoptSql = """
        with adopted as (
            delete from segments s using unnest(@KnownIds, @KnownNames) as e(segment_id, name)
            where s.segment_id = md5(e.name)::uuid and s.version = 0
            returning s.segment_id as stand_in, e.segment_id
        ),
        moved as (
            delete from customer_segments c using adopted a where c.segment_id = a.stand_in
            returning c.customer_id, a.segment_id,
                      coalesce((select s.name from segments s where s.segment_id = a.segment_id), c.segment_name) as segment_name
        )
        insert into customer_segments (customer_id, segment_id, segment_name) select * from moved on conflict do nothing
        """;

    // A newer version's name replaces the one kept, on the segment and on its members' rows.
    private const string NameSql = """
        with newest as (
            insert into segments (segment_id, name, version) select * from unnest(@SegmentIds, @Names, @Versions)
            on conflict (segment_id) do update set name = excluded.name, version = excluded.version
                where segments.version < excluded.version
            returning segment_id, name
        )
        update customer_segments c set segment_name = n.name from newest n where c.segment_id = n.segment_id and c.segment_name <> n.name
        """;

    private const string CurrentNameSql = "select name from segments where segment_id = @SegmentId";

    // Entered under the segment's current name; a change that arrives after the member was erased is not applied.
    private const string EnterSql = """
        insert into customer_segments (customer_id, segment_id, segment_name)
        select e.customer_id, e.segment_id, s.name
        from unnest(@CustomerIds, @SegmentIds) as e(customer_id, segment_id) join segments s on s.segment_id = e.segment_id
        where not exists (select from erased_members m where m.customer_id = e.customer_id)
        on conflict do nothing
        """;

    private const string LeaveSql = """
        delete from customer_segments c using unnest(@CustomerIds, @SegmentIds) as l(customer_id, segment_id)
        where c.customer_id = l.customer_id and c.segment_id = l.segment_id
        """;

    /// <summary>
    /// Records the segments' names as of the given versions (one entry per segment) and renames their members' rows
    /// where a version is newer than the one kept; rows followed by name only are matched to their segment first.
    /// </summary>
    public async Task RecordAsync(NpgsqlTransaction transaction, IReadOnlyCollection<SegmentVersion> versions, CancellationToken cancellationToken)
    {
        // In id order: two batches naming the same segments take their rows' locks in one order, never crosswise.
        versions = [.. versions.OrderBy(v => v.SegmentId)];
        var knownAs = versions.SelectMany(v => new[] { v.Name, v.PreviousName }.OfType<string>().Select(name => (v.SegmentId, Name: name)))
            .Distinct().ToList();
        // Adoption first, then the names: one round trip, two statements.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(AdoptSql + ";\n" + NameSql, new
        {
            KnownIds = knownAs.Select(k => k.SegmentId).ToArray(),
            KnownNames = knownAs.Select(k => k.Name).ToArray(),
            SegmentIds = versions.Select(v => v.SegmentId).ToArray(),
            Names = versions.Select(v => v.Name).ToArray(),
            Versions = versions.Select(v => v.Version).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The name kept for the segment (that of the highest version seen).</summary>
    public Task<string> CurrentNameAsync(NpgsqlTransaction transaction, Guid segmentId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleAsync<string>(new CommandDefinition(CurrentNameSql, new { SegmentId = segmentId }, transaction, cancellationToken: cancellationToken));

    public Task EnterAsync(NpgsqlTransaction transaction, IReadOnlyCollection<(Guid CustomerId, Guid SegmentId)> members, CancellationToken cancellationToken) =>
        ApplyAsync(transaction, EnterSql, members, cancellationToken);

    public Task LeaveAsync(NpgsqlTransaction transaction, IReadOnlyCollection<(Guid CustomerId, Guid SegmentId)> members, CancellationToken cancellationToken) =>
        ApplyAsync(transaction, LeaveSql, members, cancellationToken);

    private static async Task ApplyAsync(
        NpgsqlTransaction transaction, string sql, IReadOnlyCollection<(Guid CustomerId, Guid SegmentId)> members, CancellationToken cancellationToken)
    {
        if (members.Count > 0)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, new
            {
                CustomerIds = members.Select(m => m.CustomerId).ToArray(),
                SegmentIds = members.Select(m => m.SegmentId).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        }
    }
}
