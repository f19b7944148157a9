using System.Text.Json;
using Crm.Data;
using Crm.Loyalty.Model.Tiers;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>The tier policy, every version kept; the latest one is in force.</summary>
public sealed class TierPolicyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string LatestSql = "select version, policy::text as Policy, saved_at as SavedAt from tier_policies order by version desc limit 1";

    // The table lock makes concurrent saves take versions one after the other.
    private const string SaveSql = """
        lock table tier_policies in exclusive mode;
        insert into tier_policies (version, policy, saved_at)
        select coalesce(max(version), 0) + 1, @Policy::jsonb, @Now from tier_policies
        returning version;
        """;

    public async Task<SavedTierPolicy?> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(int Version, string Policy, DateTimeOffset SavedAt)?>(new CommandDefinition(
            LatestSql, transaction: transaction, cancellationToken: cancellationToken));
        return row is { } saved ? new SavedTierPolicy(saved.Version, JsonSerializer.Deserialize<TierPolicy>(saved.Policy, LoyaltyJson.Options)!, saved.SavedAt) : null;
    }

    public async Task<SavedTierPolicy?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CurrentAsync(connection, null, cancellationToken);
    }

    public async Task<SavedTierPolicy> SaveAsync(TierPolicy policy, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            SaveSql, new { Policy = JsonSerializer.Serialize(policy, LoyaltyJson.Options), Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new SavedTierPolicy(version, policy, now);
    }
}
