using Crm.Data;
using Crm.Profitability.Model;
using Dapper;
using Npgsql;

namespace Crm.Profitability.Data;

/// <summary>The versions of the cost model. A version is never changed: a change is a new version.</summary>
public sealed class CostModelStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // Versions are numbered in the order they were made; the table lock keeps two concurrent saves from taking one number.
    private const string InsertSql = """
        lock table cost_models in share row exclusive mode;
        insert into cost_models (version, effective_from, admin_basis, admin_amount, note, created_at)
        select coalesce(max(version), 0) + 1, @EffectiveFrom, @AdminBasis, @AdminAmount, @Note, @CreatedAt from cost_models
        returning version;
        """;

    private const string InsertChannelsSql = """
        insert into channel_costs (version, channel, per_transaction, per_contact)
        select @Version, * from unnest(@Channels, @PerTransaction, @PerContact)
        """;

    private const string InsertServiceCostsSql = """
        insert into service_costs (version, interaction_type, cost)
        select @Version, * from unnest(@Types, @Costs)
        """;

    private const string ModelsSql = """
        select version, effective_from as EffectiveFrom, admin_basis as AdminBasis, admin_amount as AdminAmount, note, created_at as CreatedAt
        from cost_models where @Version::integer is null or version = @Version order by version
        """;

    private const string ChannelsSql = """
        select version, channel, per_transaction as PerTransaction, per_contact as PerContact
        from channel_costs where @Version::integer is null or version = @Version order by version, channel
        """;

    private const string ServiceCostsSql = """
        select version, interaction_type as InteractionType, cost
        from service_costs where @Version::integer is null or version = @Version order by version, interaction_type
        """;

    public async Task<CostModel> SaveAsync(NewCostModel model, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var channels = model.Channels ?? [];
        var serviceCosts = model.ServiceCosts ?? [];
        var admin = model.Admin ?? new AdminCostRule(AdminCostBases.None, 0);
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertSql, new
        {
            EffectiveFrom = model.EffectiveFrom!.Value.ToUniversalTime(),
            AdminBasis = admin.Basis,
            AdminAmount = admin.Amount,
            model.Note,
            CreatedAt = clock.GetStoredUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertChannelsSql, new
        {
            Version = version,
            Channels = channels.Select(c => c.Channel).ToArray(),
            PerTransaction = channels.Select(c => c.PerTransaction).ToArray(),
            PerContact = channels.Select(c => c.PerContact).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertServiceCostsSql, new
        {
            Version = version,
            Types = serviceCosts.Select(c => c.InteractionType).ToArray(),
            Costs = serviceCosts.Select(c => c.Cost).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (await ReadAsync(version, cancellationToken))[0];
    }

    public async Task<CostModel?> FindAsync(int version, CancellationToken cancellationToken) =>
        (await ReadAsync(version, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<CostModel>> ListAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    private async Task<IReadOnlyList<CostModel>> ReadAsync(int? version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { Version = version };
        var models = await connection.QueryAsync<CostModelRow>(new CommandDefinition(ModelsSql, parameters, cancellationToken: cancellationToken));
        var channels = (await connection.QueryAsync<VersionedChannelCost>(new CommandDefinition(ChannelsSql, parameters, cancellationToken: cancellationToken)))
            .ToLookup(row => row.Version);
        var serviceCosts = (await connection.QueryAsync<VersionedServiceCost>(new CommandDefinition(ServiceCostsSql, parameters, cancellationToken: cancellationToken)))
            .ToLookup(row => row.Version);
        return [.. models.Select(row => new CostModel(
            row.Version,
            row.EffectiveFrom,
            new AdminCostRule(row.AdminBasis, row.AdminAmount),
            [.. channels[row.Version].Select(c => new ChannelCost(c.Channel, c.PerTransaction, c.PerContact))],
            [.. serviceCosts[row.Version].Select(c => new ServiceCost(c.InteractionType, c.Cost))],
            row.Note,
            row.CreatedAt))];
    }

    private sealed record CostModelRow(int Version, DateTimeOffset EffectiveFrom, string AdminBasis, decimal AdminAmount, string? Note, DateTimeOffset CreatedAt);

    private sealed record VersionedChannelCost(int Version, string Channel, decimal PerTransaction, decimal PerContact);

    private sealed record VersionedServiceCost(int Version, string InteractionType, decimal Cost);
}
