using Crm.Segmentation.Model;
using Npgsql;

namespace Crm.Segmentation.Data;

public sealed class CustomerFactQueries(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select f.customer_id, f.acquisition_source, f.country, f.customer_since, f.first_purchase, f.last_purchase, f.purchase_days,
               f.revenue, f.rfm_recency, f.rfm_frequency, f.rfm_monetary, f.rfm_segment, f.lifetime_value, f.probability_alive,
               f.profit, f.churn_risk, f.value_decile, f.value_tier, f.profit_band,
               coalesce((select array_agg(c.channel || ':' || c.purpose order by c.channel, c.purpose)
                         from consents c where c.customer_id = f.customer_id and c.granted), '{}')
        from customer_facts f where f.customer_id = @CustomerId
        """;

    public async Task<CustomerFactsView?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("CustomerId", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        T? Get<T>(int ordinal) => reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);
        int? Small(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt16(ordinal);
        return new CustomerFactsView(
            reader.GetGuid(0), Get<string>(1), Get<string>(2), Get<DateOnly?>(3), Get<DateOnly?>(4), Get<DateOnly?>(5),
            reader.GetInt32(6), reader.GetDecimal(7), Small(8), Small(9), Small(10), Get<string>(11), Get<decimal?>(12),
            Get<double?>(13), Get<decimal?>(14), Get<string>(15), Small(16), Get<string>(17), Get<string>(18), reader.GetFieldValue<string[]>(19));
    }
}
