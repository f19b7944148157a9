using System.Text.Json;
using Crm.Customers.Model;
using CsvHelper;

namespace Crm.Customers.Imports;

/// <summary>Reads an interactions file (CSV rows or NDJSON objects) into checked batches.</summary>
internal static class InteractionRowReader
{
    private static readonly string[] Columns = ["interaction_id", "customer_id", "occurred_at", "channel", "type", "cost_to_serve", "currency"];

    private const int InteractionId = 0, CustomerId = 1, OccurredAt = 2, Channel = 3, Type = 4, CostToServe = 5, Currency = 6;

    private const int RequiredColumns = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Refuses a CSV file whose header or quoting is broken (<see cref="ImportCsv.CheckStructure"/>).</summary>
    public static void CheckCsv(string path, CancellationToken cancellationToken) =>
        ImportCsv.CheckStructure(path, Columns, RequiredColumns, cancellationToken);

    public static IEnumerable<ImportBatch<ImportedInteraction>> Read(ImportContext context, CancellationToken cancellationToken) =>
        ImportBatch<ImportedInteraction>.Of(Checked(context, cancellationToken), context.BatchRows, cancellationToken);

    private static IEnumerable<(long Line, ImportedInteraction? Interaction, List<ImportRowError> Errors)> Checked(
        ImportContext context, CancellationToken cancellationToken)
    {
        foreach (var (line, interaction, errors) in context.IsCsv ? ReadCsv(context) : ReadNdjson(context, cancellationToken))
        {
            if (interaction is null)
            {
                yield return (line, null, errors);
                continue;
            }

            var rules = InteractionRules.Validate(interaction.Interaction, context.Now, context.FutureTolerance);
            FieldRules.Required(rules, "customerId", interaction.CustomerExternalId, FieldRules.IdLength);
            errors.AddRange(rules.All.Select(error => new ImportRowError(line, ImportFields.Name(error.Field, context.IsCsv), error.Message)));
            yield return (line, interaction with { Interaction = interaction.Interaction with { OccurredAt = interaction.Interaction.OccurredAt.ToUniversalTime() } }, errors);
        }
    }

    private static IEnumerable<(long Line, ImportedInteraction? Interaction, List<ImportRowError> Errors)> ReadCsv(ImportContext context)
    {
        using var reader = ImportCsv.Open(context.Path);
        var columns = ImportCsv.Columns(reader, Columns, RequiredColumns);
        while (ImportCsv.Read(reader))
        {
            var line = reader.LineNumber;
            if (!ImportCsv.IsText(reader))
            {
                yield return (line, null, [ImportCsv.NotText(line)]);
                continue;
            }

            var errors = new List<ImportRowError>();
            var occurredAt = default(DateTimeOffset);
            var occurredText = ImportCsv.Span(reader, columns[OccurredAt]);
            if (occurredText.IsEmpty)
            {
                errors.Add(new ImportRowError(line, "occurred_at", "is required."));
            }
            else if (!ImportValues.TryMoment(occurredText, out occurredAt))
            {
                errors.Add(new ImportRowError(line, "occurred_at", ImportValues.MomentMessage));
            }

            decimal? cost = null;
            var costText = ImportCsv.Span(reader, columns[CostToServe]);
            if (!costText.IsEmpty)
            {
                if (ImportValues.TryDecimal(costText, out var value))
                {
                    cost = value;
                }
                else
                {
                    errors.Add(new ImportRowError(line, "cost_to_serve", "must be a number such as 1.25."));
                }
            }

            var interaction = new PostInteraction(
                ImportCsv.Text(reader, columns[InteractionId]), occurredAt, ImportCsv.Text(reader, columns[Channel]),
                ImportCsv.Text(reader, columns[Type]), cost, ImportCsv.Text(reader, columns[Currency]));
            yield return (line, errors.Count > 0 ? null : new ImportedInteraction(line, ImportCsv.Text(reader, columns[CustomerId]) ?? "", interaction), errors);
        }
    }

    private static IEnumerable<(long Line, ImportedInteraction? Interaction, List<ImportRowError> Errors)> ReadNdjson(ImportContext context, CancellationToken cancellationToken)
    {
        foreach (var line in NdjsonReader.Lines(context.Path, cancellationToken))
        {
            var errors = new List<ImportRowError>();
            if (line.Unreadable is { } unreadableLine)
            {
                errors.Add(unreadableLine);
                yield return (line.Number, null, errors);
                continue;
            }

            InteractionImportLine? input = null;
            try
            {
                input = JsonSerializer.Deserialize<InteractionImportLine>(line.Json.Span, Json);
                if (input is null)
                {
                    errors.Add(new ImportRowError(line.Number, null, "must be a JSON object."));
                }
            }
            catch (JsonException unreadable)
            {
                errors.Add(ImportFields.Unreadable(line.Number, unreadable));
            }

            yield return (line.Number, input is null ? null : new ImportedInteraction(line.Number, input.CustomerId ?? "",
                new PostInteraction(input.InteractionId, input.OccurredAt, input.Channel, input.Type, input.CostToServe, input.Currency)), errors);
        }
    }
}
