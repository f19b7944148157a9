using System.Text.Json;
using Crm.Data;
using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// Earn rules, every version kept. A revision or a retirement is a new version; the latest version of each rule that
/// is not retired is in force (within its own effective dates).
/// </summary>
public sealed class EarnRuleStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = LoyaltyJson.Options;

    private const string LatestSql = """
        select distinct on (id) id, version, name, retired, saved_at as SavedAt, definition::text as Definition
        from earn_rules order by id, version desc
        """;

    private const string VersionsSql = """
        select id, version, name, retired, saved_at as SavedAt, definition::text as Definition
        from earn_rules where id = @Id order by version desc
        """;

    // The lock on the rule's history makes two concurrent revisions take versions one after the other.
    private const string LockSql = "select pg_advisory_xact_lock(hashtext('crm.loyalty.earn-rule:' || @Id::text))";

    private const string LastVersionSql = "select version, retired from earn_rules where id = @Id order by version desc limit 1";

    private const string LatestOfSql = """
        select id, version, name, retired, saved_at as SavedAt, definition::text as Definition
        from earn_rules where id = @Id order by version desc limit 1
        """;

    private const string InsertSql = """
        insert into earn_rules (id, version, name, definition, retired, saved_at)
        values (@Id, @Version, @Name, @Definition::jsonb, @Retired, @Now)
        """;

    public async Task<IReadOnlyList<EarnRule>> InForceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        [.. (await ReadAsync(connection, transaction, LatestSql, null, cancellationToken))
            .Where(saved => !saved.Retired)
            .Select(saved => saved.Definition.ToRule(saved.Id, saved.Version))];

    public async Task<IReadOnlyList<SavedEarnRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await ReadAsync(connection, null, LatestSql, null, cancellationToken)).OrderBy(rule => rule.Definition.Priority).ThenBy(rule => rule.Name)];
    }

    public async Task<IReadOnlyList<SavedEarnRule>> VersionsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, VersionsSql, new { Id = id }, cancellationToken);
    }

    public Task<SavedEarnRule?> CreateAsync(EarnRuleRequest definition, CancellationToken cancellationToken) =>
        SaveAsync(Guid.CreateVersion7(), definition, isNew: true, retired: false, cancellationToken);

    /// <summary>The next version of a rule; null when there is no such rule or it is retired.</summary>
    public Task<SavedEarnRule?> ReviseAsync(Guid id, EarnRuleRequest definition, CancellationToken cancellationToken) =>
        SaveAsync(id, definition, isNew: false, retired: false, cancellationToken);

    /// <summary>Retires a rule with a last version; null when there is no such rule or it is retired already.</summary>
    public async Task<SavedEarnRule?> RetireAsync(Guid id, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(id, cancellationToken);
        return versions.Count == 0 || versions[0].Retired ? null : await SaveAsync(id, versions[0].Definition, isNew: false, retired: true, cancellationToken);
    }

    private async Task<SavedEarnRule?> SaveAsync(Guid id, EarnRuleRequest definition, bool isNew, bool retired, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        var last = await connection.QuerySingleOrDefaultAsync<(int Version, bool Retired)?>(new CommandDefinition(
            LastVersionSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (isNew != last is null || last is { Retired: true })
        {
            return null;
        }

        var version = (last?.Version ?? 0) + 1;
        await InsertVersionAsync(transaction, id, version, definition.Name!.Trim(), definition, retired, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SavedEarnRule(id, version, definition.Name!.Trim(), retired, now, definition);
    }

    /// <summary>
    /// After a segment was renamed: saves a new version of every rule in force that targets it by a former name,
    /// targeting it by its current one (names match case-insensitively, as rules apply them). Returns how many.
    /// </summary>
    public async Task<int> RenameSegmentAsync(
        NpgsqlTransaction transaction, IReadOnlyCollection<string> formerNames, string currentName, CancellationToken cancellationToken)
    {
        var former = formerNames.Where(name => !RuleTarget.SameName(name, currentName)).ToList();
        if (former.Count == 0)
        {
            return 0;
        }

        var connection = transaction.Connection!;
        var renamed = 0;
        var candidates = (await ReadAsync(connection, transaction, LatestSql, null, cancellationToken)).Where(rule => Targets(rule, former)).ToList();
        foreach (var candidate in candidates)
        {
            // Read again under the rule's lock: a revision saved meanwhile is the version to carry forward.
            await connection.ExecuteAsync(new CommandDefinition(LockSql, new { candidate.Id }, transaction, cancellationToken: cancellationToken));
            var latest = (await ReadAsync(connection, transaction, LatestOfSql, new { candidate.Id }, cancellationToken))[0];
            if (!Targets(latest, former))
            {
                continue;
            }

            var target = latest.Definition.Target!;
            var segments = target.Segments!.Select(name => former.Any(f => RuleTarget.SameName(f, name)) ? currentName : name)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            await InsertVersionAsync(transaction, latest.Id, latest.Version + 1, latest.Name,
                latest.Definition with { Target = target with { Segments = segments } }, retired: false, clock.GetStoredUtcNow(), cancellationToken);
            renamed++;
        }

        return renamed;
    }

    private static bool Targets(SavedEarnRule rule, List<string> segments) =>
        !rule.Retired && rule.Definition.Target?.Segments is { } targeted && targeted.Any(name => segments.Any(segment => RuleTarget.SameName(segment, name)));

    private static Task InsertVersionAsync(
        NpgsqlTransaction transaction, Guid id, int version, string name, EarnRuleRequest definition, bool retired, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            Version = version,
            Name = name,
            Definition = JsonSerializer.Serialize(definition, Json),
            Retired = retired,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));

    private static async Task<IReadOnlyList<SavedEarnRule>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<(Guid Id, int Version, string Name, bool Retired, DateTimeOffset SavedAt, string Definition)>(
                new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)))
            .Select(row => new SavedEarnRule(row.Id, row.Version, row.Name, row.Retired, row.SavedAt,
                JsonSerializer.Deserialize<EarnRuleRequest>(row.Definition, Json)!))];
}
