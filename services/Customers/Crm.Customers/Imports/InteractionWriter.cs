using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Customers.Data;
using Crm.Customers.Model;
using Crm.Data;
using Crm.Messaging.Outbox;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Customers.Imports;

/// <summary>
/// Writes a batch of checked interactions: resolves customers, skips ids recorded already with the same content,
/// rejects ids recorded with different content (or for another customer) as the API answers 409, copies the new ones
/// and enqueues InteractionsRecorded events of up to 1,000.
/// </summary>
internal sealed class InteractionWriter(Outbox outbox)
{
    private const string ExistingSql = $"select {InteractionStore.Columns} from interactions where external_id = any(@Ids)";

    private const string CopySql = """
        copy interactions (id, external_id, customer_id, occurred_at, channel, type, cost_to_serve, currency, import_id, recorded_at)
        from stdin (format binary)
        """;

    public async Task<BatchOutcome> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch<ImportedInteraction> batch, ImportContext context,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var customers = await CustomerKeys.ResolveAsync(connection, transaction, batch.Items.Select(i => i.CustomerExternalId), cancellationToken);
        var ids = batch.Items.Select(i => i.Interaction.InteractionId!).Distinct(StringComparer.Ordinal).ToArray();
        var known = (await connection.QueryAsync<Interaction>(new CommandDefinition(ExistingSql, new { Ids = ids }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(i => i.InteractionId, StringComparer.Ordinal);

        var errors = new List<ImportRowError>();
        var recorded = new List<RecordedInteraction>();
        long skipped = 0;
        foreach (var imported in batch.Items)
        {
            customers.TryGetValue(imported.CustomerExternalId, out var customer);
            if (CustomerKeys.Problem(imported.CustomerExternalId, customer) is { } problem)
            {
                errors.Add(new ImportRowError(imported.Line, ImportFields.Name("customerId", context.IsCsv), problem));
                continue;
            }

            var interaction = imported.Interaction;
            if (known.TryGetValue(interaction.InteractionId!, out var existing))
            {
                // The API's notion of a retry: same customer and the same stored columns; anything else reuses the id.
                if (existing.Matches(customer!.Id, interaction))
                {
                    skipped++;
                }
                else
                {
                    errors.Add(new ImportRowError(imported.Line, ImportFields.Name("interactionId", context.IsCsv),
                        $"'{FieldRules.Shorten(interaction.InteractionId!)}' is recorded already with different content."));
                }

                continue;
            }

            var row = new RecordedInteraction(Guid.CreateVersion7(now), interaction.InteractionId!, customer!.Id, interaction.OccurredAt,
                interaction.Channel!, interaction.Type!, interaction.CostToServe, interaction.Currency);
            recorded.Add(row);
            // A later row of this file with the same id is judged against this one, as if it were stored already.
            known[row.ExternalId] = new Interaction(row.InteractionId, row.ExternalId, row.CustomerId, row.OccurredAt.ToStoredPrecision(),
                row.Channel, row.Type, row.CostToServe, row.Currency, now);
        }

        if (recorded.Count > 0)
        {
            await using (var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
            {
                foreach (var i in recorded)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(i.InteractionId, NpgsqlDbType.Uuid, cancellationToken);
                    await importer.WriteAsync(i.ExternalId, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(i.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
                    await importer.WriteAsync(i.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(i.Channel, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(i.Type, NpgsqlDbType.Text, cancellationToken);
                    if (i.CostToServe is { } cost)
                    {
                        await importer.WriteAsync(cost, NpgsqlDbType.Numeric, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }

                    await importer.WriteAsync(i.Currency, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(context.JobId, NpgsqlDbType.Uuid, cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            var events = recorded.Chunk(TransactionWriter.EventSize)
                .Select(chunk => (IIntegrationEvent)new InteractionsRecorded(Guid.CreateVersion7(now), now, context.JobId, chunk))
                .ToList();
            await outbox.EnqueueAsync(transaction, events, cancellationToken);
        }

        return new BatchOutcome(recorded.Count, skipped, errors.Count, errors);
    }
}
