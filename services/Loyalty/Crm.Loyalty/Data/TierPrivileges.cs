using System.Globalization;
using Crm.Loyalty.Model.Earning;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>
/// The privileges matrix (tier × benefit → value), replaced as a whole. Its <see cref="EarnMultiplier"/> benefit is
/// also an earn rule: members of the tier earn that multiple of their base points, as an entry of its own.
/// </summary>
public sealed class TierPrivileges(NpgsqlDataSource dataSource)
{
    public const string EarnMultiplier = "earnMultiplier";

    // After every configured rule; a fixed id per tier keeps the ledger's rule references stable.
    private const int EarnMultiplierPriority = int.MaxValue;

    private const string ReadSql = "select tier, benefit, value from tier_privileges order by tier, benefit";

    private const string MultipliersSql = "select tier, value from tier_privileges where benefit = 'earnMultiplier'";

    private const string ReplaceSql = """
        delete from tier_privileges;
        insert into tier_privileges (tier, benefit, value) select * from unnest(@Tiers, @Benefits, @Values);
        """;

    public async Task<IReadOnlyList<(string Tier, string Benefit, string Value)>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<(string, string, string)>(new CommandDefinition(ReadSql, cancellationToken: cancellationToken))];
    }

    public async Task ReplaceAsync(IReadOnlyList<(string Tier, string Benefit, string Value)> matrix, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReplaceSql, new
        {
            Tiers = matrix.Select(cell => cell.Tier).ToArray(),
            Benefits = matrix.Select(cell => cell.Benefit).ToArray(),
            Values = matrix.Select(cell => cell.Value).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// An <see cref="EarnMultiplier"/> value as a factor: digits with an optional decimal point ("1.5"), nothing else.
    /// Signs, spaces and group separators are refused: "1,0" read as one thousand-separated number is 10.
    /// </summary>
    public static decimal? ParseFactor(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor) ? factor : null;

    // A value saved before the API refused such spellings earns no multiple rather than a misread one.
    public async Task<IReadOnlyList<EarnRule>> EarnMultipliersAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        [.. (await transaction.Connection!.QueryAsync<(string Tier, string Value)>(new CommandDefinition(MultipliersSql, transaction: transaction, cancellationToken: cancellationToken)))
            .Select(row => (row.Tier, Factor: ParseFactor(row.Value)))
            .Where(row => row.Factor > 1)
            .Select(row => TierMultiplierRule(row.Tier, row.Factor!.Value))];

    private static EarnRule TierMultiplierRule(string tier, decimal factor) => new(
        Id: new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"tier-multiplier:{tier}"))[..16]),
        Version: 1,
        Name: $"{tier} tier earns ×{factor.ToString(CultureInfo.InvariantCulture)}",
        Kind: EarnRuleKind.Multiplier,
        Priority: EarnMultiplierPriority,
        StopAfter: false,
        EffectiveFrom: DateTimeOffset.MinValue,
        EffectiveTo: null,
        Target: new RuleTarget(null, [tier], null, null, null),
        Cap: null,
        PointsPerUnit: null,
        Factor: factor,
        SpendThreshold: null,
        Period: null,
        Nth: null,
        Repeat: false,
        BonusPoints: null,
        EventType: null);
}
