using Crm.Data;
using Crm.Loyalty.Model.Partners;
using Dapper;
using Npgsql;

namespace Crm.Loyalty.Data;

/// <summary>Alliance partners: their terms, and the signing keys their deliveries are checked with (shown only when made).</summary>
public sealed class PartnerStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string NameIndex = "partners_name";

    private const string Columns = """
        id, name, earn_rate as EarnRate, burn_rate as BurnRate, cost_per_point as CostPerPoint, currency, active,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    private const string InsertSql = $"""
        insert into partners (id, name, earn_rate, burn_rate, cost_per_point, currency, signing_key, active, created_at, updated_at)
        values (@Id, @Name, @EarnRate, @BurnRate, @CostPerPoint, @Currency, @SigningKey, @Active, @Now, @Now)
        returning {Columns}
        """;

    // The amounts already received are in the partner's currency, so it may change only until the first transaction.
    private const string UpdateSql = $"""
        update partners set name = @Name, earn_rate = @EarnRate, burn_rate = @BurnRate, cost_per_point = @CostPerPoint,
            currency = @Currency, active = @Active, updated_at = @Now
        where id = @Id and (currency = @Currency or not exists (select 1 from partner_transactions where partner_id = @Id))
        returning {Columns}
        """;

    private const string FindSql = $"select {Columns} from partners where id = @Id";

    private const string PageSql = $"select {Columns} from partners where @After::uuid is null or id > @After order by id limit @Limit";

    private const string RotateSql = "update partners set signing_key = @SigningKey, updated_at = @Now where id = @Id";

    private const string SigningPartnerSql = """
        select id, name, earn_rate as EarnRate, burn_rate as BurnRate, cost_per_point as CostPerPoint, signing_key as SigningKey
        from partners where id = @Id and active
        """;

    /// <summary>A new partner and its signing secret, which is never shown again.</summary>
    /// <exception cref="PartnerNameTakenException">Another partner has the name.</exception>
    public async Task<(Partner Partner, string SigningSecret)> CreateAsync(PartnerDefinition definition, CancellationToken cancellationToken)
    {
        var key = SigningSecret.NewKey();
        var partner = await WriteAsync(InsertSql, Guid.CreateVersion7(), definition, key, cancellationToken);
        return (partner!, SigningSecret.Format(key));
    }

    /// <summary>Replaces a partner's terms; null when there is no such partner.</summary>
    /// <exception cref="PartnerNameTakenException">Another partner has the name.</exception>
    /// <exception cref="PartnerCurrencyFixedException">The currency would change under transactions already received.</exception>
    public async Task<Partner?> UpdateAsync(Guid id, PartnerDefinition definition, CancellationToken cancellationToken)
    {
        if (await WriteAsync(UpdateSql, id, definition, null, cancellationToken) is { } updated)
        {
            return updated;
        }

        return await FindAsync(id, cancellationToken) is { } unchanged ? throw new PartnerCurrencyFixedException(unchanged.Currency) : null;
    }

    public async Task<Partner?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Partner>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Partner>> PageAsync(Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Partner>(new CommandDefinition(PageSql, new { After = after, Limit = limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>A fresh signing secret for the partner; the old one stops working at once. Null when there is no such partner.</summary>
    public async Task<PartnerSecret?> RotateSecretAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = SigningSecret.NewKey();
        var now = clock.GetStoredUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rotated = await connection.ExecuteAsync(new CommandDefinition(
            RotateSql, new { Id = id, SigningKey = key, Now = now }, cancellationToken: cancellationToken));
        return rotated == 0 ? null : new PartnerSecret(id, SigningSecret.Format(key), now);
    }

    /// <summary>The partner whose deliveries are checked with its key; null when unknown or no longer active.</summary>
    public async Task<SigningPartner?> FindSigningAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SigningPartner>(new CommandDefinition(
            SigningPartnerSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    // Two people may pick the same name at once, so the unique index decides.
    private async Task<Partner?> WriteAsync(string sql, Guid id, PartnerDefinition definition, byte[]? signingKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await connection.QuerySingleOrDefaultAsync<Partner>(new CommandDefinition(sql, new
            {
                Id = id,
                definition.Name,
                definition.EarnRate,
                definition.BurnRate,
                definition.CostPerPoint,
                definition.Currency,
                SigningKey = signingKey,
                definition.Active,
                Now = clock.GetStoredUtcNow(),
            }, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NameIndex })
        {
            throw new PartnerNameTakenException(definition.Name);
        }
    }
}
