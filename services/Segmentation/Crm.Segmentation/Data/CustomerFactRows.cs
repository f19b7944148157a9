using System.Text.Json;
using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Rules;
using Crm.Segmentation.Model.Value;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// Every customer's facts for a full recompute, one customer at a time in one reused <see cref="CustomerFacts"/>,
/// filled as <see cref="CustomerFactQueries"/> fills them for an event (scores and tier placed against the given cut
/// points). The rows come in storage order, a range of the table's blocks at a time: a sequential scan reads a
/// million customers in well under a second, where id order would cost a random read per customer.
/// </summary>
internal sealed class CustomerFactRows : IAsyncDisposable
{
    private const string Columns = """
        customer_id, acquisition_source, country, customer_since, last_purchase, purchase_days, revenue, lifetime_value,
        probability_alive, profit, churn_risk, loyalty_tier
        """;

    // A range of the table's blocks, so that two readers can share the scan.
    private const string InBlocks = "where ctid >= ('(' || @From || ',0)')::tid and ctid < ('(' || @To || ',0)')::tid";

    private const string ReadSql = $"select {Columns}, attributes::text from customer_facts {InBlocks}";

    // Attributes are parsed JSON: skipped when no segment reads them.
    private const string ReadWithoutAttributesSql = $"select {Columns}, null::text from customer_facts {InBlocks}";

    // Profiles tend to share attribute sets; beyond this many distinct ones each is parsed as it comes.
    private const int MaxCachedAttributes = 10_000;

    private readonly NpgsqlCommand _command;
    private readonly NpgsqlDataReader _reader;
    private readonly PopulationCuts _cuts;
    private readonly GrantedConsents _consents;
    private readonly int _today;
    private readonly Dictionary<string, JsonElement> _attributes = new(StringComparer.Ordinal);

    private CustomerFactRows(NpgsqlCommand command, NpgsqlDataReader reader, PopulationCuts cuts, GrantedConsents consents, DateOnly today)
    {
        _command = command;
        _reader = reader;
        _cuts = cuts;
        _consents = consents;
        _today = today.DayNumber;
    }

    public Guid CustomerId { get; private set; }

    /// <summary>The current customer's facts; overwritten by the next <see cref="NextAsync"/>.</summary>
    public CustomerFacts Facts { get; } = new();

    public static async Task<CustomerFactRows> OpenAsync(
        NpgsqlTransaction transaction, (long From, long To) blocks, PopulationCuts cuts, GrantedConsents consents, bool withAttributes,
        DateOnly today, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(withAttributes ? ReadSql : ReadWithoutAttributesSql, transaction.Connection, transaction);
        command.Parameters.AddWithValue("From", blocks.From);
        command.Parameters.AddWithValue("To", blocks.To);
        try
        {
            return new CustomerFactRows(command, await command.ExecuteReaderAsync(cancellationToken), cuts, consents, today);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<bool> NextAsync(CancellationToken cancellationToken)
    {
        if (!await _reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        var reader = _reader;
        var facts = Facts;
        CustomerId = reader.GetGuid(0);
        facts.AcquisitionSource = reader.IsDBNull(1) ? null : reader.GetString(1);
        facts.Country = reader.IsDBNull(2) ? null : reader.GetString(2);
        facts.CustomerSince = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3);
        int? daysSinceLastPurchase = reader.IsDBNull(4) ? null : _today - reader.GetFieldValue<DateOnly>(4).DayNumber;
        var purchaseDays = reader.GetInt32(5);
        var revenue = reader.GetDecimal(6);
        decimal? lifetimeValue = reader.IsDBNull(7) ? null : reader.GetDecimal(7);
        facts.ProbabilityAlive = reader.IsDBNull(8) ? null : reader.GetDouble(8);
        facts.Profit = reader.IsDBNull(9) ? null : reader.GetDecimal(9);
        facts.ChurnRisk = reader.IsDBNull(10) ? null : reader.GetString(10);
        facts.LoyaltyTier = reader.IsDBNull(11) ? null : reader.GetString(11);
        facts.Attributes = reader.IsDBNull(12) ? null : Attributes(reader.GetString(12));
        facts.Consents = _consents.Of(CustomerId);

        var score = _cuts.Rfm is { } rfm && daysSinceLastPurchase is { } days ? rfm.Score(new RfmInput(days, purchaseDays, revenue)) : null;
        facts.Recency = score?.Recency;
        facts.Frequency = score?.Frequency;
        facts.Monetary = score?.Monetary;
        facts.RfmSegment = score?.Segment;
        facts.DaysSinceLastPurchase = daysSinceLastPurchase;
        facts.Purchases = purchaseDays;
        facts.Revenue = revenue;
        facts.LifetimeValue = lifetimeValue;
        facts.ValueTier = _cuts.ValueDeciles is { } deciles && lifetimeValue is { } value ? ValueTiers.OfDecile(deciles.DecileOf((double)value)) : null;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
    }

    private JsonElement Attributes(string text)
    {
        if (_attributes.TryGetValue(text, out var parsed))
        {
            return parsed;
        }

        using var document = JsonDocument.Parse(text);
        parsed = document.RootElement.Clone();
        if (_attributes.Count < MaxCachedAttributes)
        {
            _attributes.Add(text, parsed);
        }

        return parsed;
    }
}
