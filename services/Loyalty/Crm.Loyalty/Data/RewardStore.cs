using Crm.Data;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>The rewards catalogue: what editors define, and the part of it one member sees.</summary>
public sealed class RewardStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string NameIndex = "rewards_name";

    private const string Columns = """
        id, name, description, cost_points as CostPoints, stock, per_customer_limit as PerCustomerLimit,
        visible_to_tiers as VisibleToTiers, visible_to_segments as VisibleToSegments, active,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    private const string InsertSql = $"""
        insert into rewards (id, name, description, cost_points, stock, per_customer_limit, visible_to_tiers, visible_to_segments, active, created_at, updated_at)
        values (@Id, @Name, @Description, @CostPoints, @Stock, @PerCustomerLimit, @VisibleToTiers, @VisibleToSegments, @Active, @Now, @Now)
        returning {Columns}
        """;

    private const string UpdateSql = $"""
        update rewards set name = @Name, description = @Description, cost_points = @CostPoints, stock = @Stock,
            per_customer_limit = @PerCustomerLimit, visible_to_tiers = @VisibleToTiers, visible_to_segments = @VisibleToSegments,
            active = @Active, updated_at = @Now
        where id = @Id
        returning {Columns}
        """;

    private const string FindSql = $"select {Columns} from rewards where id = @Id";

    // Each former name becomes the current one where it was listed, keeping the list's order and listing it once.
    private const string RenameSegmentSql = """
        update rewards r set updated_at = @Now, visible_to_segments = array(
            select name from (
                select case when listed = any(@Former) then @Current else listed end as name, min(position) as first
                from unnest(r.visible_to_segments) with ordinality as u(listed, position) group by 1
            ) renamed order by first)
        where r.visible_to_segments && @Former
        """;

    private const string PageSql = $"select {Columns} from rewards where @After::uuid is null or id > @After order by id limit @Limit";

    // Visible: every tier or the member's, and every segment or one the member is in. Only active rewards show.
    private const string MemberPageSql = """
        select r.id as RewardId, r.name, r.description, r.cost_points as CostPoints, r.stock,
               r.cost_points <= @Available as CanAfford,
               case when r.per_customer_limit is null then null
                    else greatest(r.per_customer_limit - (select count(*) from redemptions h
                                                          where h.customer_id = @CustomerId and h.reward_id = r.id and h.status <> 'cancelled'), 0)::integer
               end as RemainingUnderLimit
        from rewards r
        where r.active and (@After::uuid is null or r.id > @After)
          and (r.visible_to_tiers is null or @Tier = any(r.visible_to_tiers))
          and (r.visible_to_segments is null
               or exists (select 1 from customer_segments s where s.customer_id = @CustomerId and s.segment_name = any(r.visible_to_segments)))
        order by r.id
        limit @Limit
        """;

    /// <exception cref="RewardNameTakenException">Another reward has the name.</exception>
    public async Task<Reward> CreateAsync(RewardDefinition definition, CancellationToken cancellationToken) =>
        (await WriteAsync(InsertSql, Guid.CreateVersion7(), definition, cancellationToken))!;

    /// <summary>Replaces a reward's definition, stock included; null when there is no such reward.</summary>
    /// <exception cref="RewardNameTakenException">Another reward has the name.</exception>
    public Task<Reward?> UpdateAsync(Guid id, RewardDefinition definition, CancellationToken cancellationToken) =>
        WriteAsync(UpdateSql, id, definition, cancellationToken);

    /// <summary>After a segment was renamed: rewards shown to it by a former name are shown to it by its current one.</summary>
    public Task<int> RenameSegmentAsync(
        NpgsqlTransaction transaction, IReadOnlyCollection<string> formerNames, string currentName, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(RenameSegmentSql, new
        {
            Former = formerNames.ToArray(),
            Current = currentName,
            Now = clock.GetStoredUtcNow(),
        }, transaction, cancellationToken: cancellationToken));

    public async Task<Reward?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<RewardRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken)))?.ToReward();
    }

    public async Task<IReadOnlyList<Reward>> PageAsync(Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<RewardRow>(new CommandDefinition(PageSql, new { After = after, Limit = limit }, cancellationToken: cancellationToken)))
            .Select(row => row.ToReward())];
    }

    /// <summary>The active rewards a member of <paramref name="tier"/> sees, against the points they have available.</summary>
    public async Task<IReadOnlyList<MemberReward>> MemberPageAsync(
        Guid customerId, string? tier, long available, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<MemberReward>(new CommandDefinition(MemberPageSql, new
        {
            CustomerId = customerId,
            Tier = tier,
            Available = available,
            After = after,
            Limit = limit,
        }, cancellationToken: cancellationToken))];
    }

    // Null: no row matched the update. Two editors may pick the same name at once, so the unique index decides.
    private async Task<Reward?> WriteAsync(string sql, Guid id, RewardDefinition definition, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return (await connection.QuerySingleOrDefaultAsync<RewardRow>(new CommandDefinition(sql, new
            {
                Id = id,
                definition.Name,
                definition.Description,
                definition.CostPoints,
                definition.Stock,
                definition.PerCustomerLimit,
                definition.VisibleToTiers,
                definition.VisibleToSegments,
                definition.Active,
                Now = clock.GetStoredUtcNow(),
            }, cancellationToken: cancellationToken)))?.ToReward();
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NameIndex })
        {
            throw new RewardNameTakenException(definition.Name);
        }
    }

    // Npgsql reports text[] columns as System.Array, which Dapper will not hand to a record's string[] parameter; it
    // does set a property of that type.
    private sealed class RewardRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string? Description { get; init; }

        public long CostPoints { get; init; }

        public int? Stock { get; init; }

        public int? PerCustomerLimit { get; init; }

        public string[]? VisibleToTiers { get; init; }

        public string[]? VisibleToSegments { get; init; }

        public bool Active { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public Reward ToReward() =>
            new(Id, Name, Description, CostPoints, Stock, PerCustomerLimit, VisibleToTiers, VisibleToSegments, Active, CreatedAt, UpdatedAt);
    }
}
