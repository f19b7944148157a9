using System.Text.Json;
using Crm.Customers.Model;
using CsvHelper;

namespace Crm.Customers.Imports;

/// <summary>Reads a customers file (CSV rows or NDJSON objects shaped like a registration) into checked batches.</summary>
internal static class CustomerRowReader
{
    // The address columns are named as errors name their fields (postalAddress.city → postal_address.city); attributes
    // is one cell holding a JSON object.
    private static readonly string[] Columns =
    [
        "external_id", "name", "email", "phone", "birth_date", "household_size", "country", "region", "acquisition_source",
        "acquisition_note", "customer_since", "consents", "postal_address.line1", "postal_address.line2", "postal_address.city",
        "postal_address.postal_code", "postal_address.region", "postal_address.country", "attributes",
    ];

    private const int ExternalId = 0, Name = 1, Email = 2, Phone = 3, BirthDate = 4, HouseholdSize = 5, Country = 6, Region = 7,
        AcquisitionSource = 8, AcquisitionNote = 9, CustomerSince = 10, Consents = 11, AddressLine1 = 12, AddressLine2 = 13,
        AddressCity = 14, AddressPostalCode = 15, AddressRegion = 16, AddressCountry = 17, Attributes = 18;

    private const int RequiredColumns = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Refuses a CSV file whose header or quoting is broken (<see cref="ImportCsv.CheckStructure"/>).</summary>
    public static void CheckCsv(string path, CancellationToken cancellationToken) =>
        ImportCsv.CheckStructure(path, Columns, RequiredColumns, cancellationToken);

    public static IEnumerable<ImportBatch<ImportedCustomer>> Read(ImportContext context, IReadOnlySet<string> sources, CancellationToken cancellationToken) =>
        ImportBatch<ImportedCustomer>.Of(Checked(context, sources, cancellationToken), context.BatchRows, cancellationToken);

    private static IEnumerable<(long Line, ImportedCustomer? Customer, List<ImportRowError> Errors)> Checked(
        ImportContext context, IReadOnlySet<string> sources, CancellationToken cancellationToken)
    {
        foreach (var (line, customer, errors) in context.IsCsv ? ReadCsv(context) : ReadNdjson(context, cancellationToken))
        {
            if (customer is not null)
            {
                foreach (var (field, message) in CustomerRules.Validate(customer.Profile, context.Today, sources).All)
                {
                    errors.Add(new ImportRowError(line, ImportFields.Name(field, context.IsCsv), message));
                }
            }

            yield return (line, customer, errors);
        }
    }

    private static IEnumerable<(long Line, ImportedCustomer? Customer, List<ImportRowError> Errors)> ReadCsv(ImportContext context)
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
            var profile = new RegisterCustomer(
                ImportCsv.Text(reader, columns[ExternalId]),
                ImportCsv.Text(reader, columns[Name]),
                ImportCsv.Text(reader, columns[Email]),
                ImportCsv.Text(reader, columns[Phone]),
                PostalAddress: Address(reader, columns),
                BirthDate: Date(reader, columns[BirthDate], line, "birth_date", errors),
                HouseholdSize: Whole(reader, columns[HouseholdSize], line, "household_size", errors),
                Country: ImportCsv.Text(reader, columns[Country]),
                Region: ImportCsv.Text(reader, columns[Region]),
                AcquisitionSource: ImportCsv.Text(reader, columns[AcquisitionSource]),
                AcquisitionNote: ImportCsv.Text(reader, columns[AcquisitionNote]),
                Attributes: JsonObject(reader, columns[Attributes], line, "attributes", errors),
                CustomerSince: Date(reader, columns[CustomerSince], line, "customer_since", errors));
            var consents = ImportCsv.Text(reader, columns[Consents]) is { } text
                ? ParseConsents(text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), line, "consents", errors)
                : [];
            yield return (line, new ImportedCustomer(line, profile, consents), errors);
        }
    }

    private static IEnumerable<(long Line, ImportedCustomer? Customer, List<ImportRowError> Errors)> ReadNdjson(ImportContext context, CancellationToken cancellationToken)
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

            ImportedCustomer? customer = null;
            try
            {
                using var document = JsonDocument.Parse(line.Json);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new ImportRowError(line.Number, null, "must be a JSON object."));
                }
                else
                {
                    var profile = document.RootElement.Deserialize<RegisterCustomer>(Json)!;
                    var consents = document.RootElement.TryGetProperty("consents", out var granted) && granted.ValueKind != JsonValueKind.Null
                        ? ParseConsents(granted.Deserialize<string[]>(Json) ?? [], line.Number, "consents", errors)
                        : [];
                    customer = new ImportedCustomer(line.Number, profile, consents);
                }
            }
            catch (JsonException unreadable)
            {
                errors.Add(ImportFields.Unreadable(line.Number, unreadable));
            }

            yield return (line.Number, customer, errors);
        }
    }

    private static List<GrantedConsent> ParseConsents(IEnumerable<string> items, long line, string field, List<ImportRowError> errors)
    {
        var consents = new List<GrantedConsent>();
        foreach (var item in items)
        {
            if (GrantedConsent.Parse(item, out var problem) is { } consent)
            {
                if (!consents.Contains(consent))
                {
                    consents.Add(consent);
                }
            }
            else
            {
                errors.Add(new ImportRowError(line, field, problem!));
            }
        }

        return consents;
    }

    /// <summary>The address from its columns; null when every one of them is empty or absent.</summary>
    private static PostalAddress? Address(CsvReader reader, int[] columns)
    {
        var address = new PostalAddress(
            ImportCsv.Text(reader, columns[AddressLine1]), ImportCsv.Text(reader, columns[AddressLine2]), ImportCsv.Text(reader, columns[AddressCity]),
            ImportCsv.Text(reader, columns[AddressPostalCode]), ImportCsv.Text(reader, columns[AddressRegion]), ImportCsv.Text(reader, columns[AddressCountry]));
        return address == new PostalAddress(null, null, null, null, null, null) ? null : address;
    }

    /// <summary>The cell's JSON (CustomerRules then requires an object); null when empty, an error when not JSON.</summary>
    private static JsonElement? JsonObject(CsvReader reader, int column, long line, string field, List<ImportRowError> errors)
    {
        if (ImportCsv.Text(reader, column) is not { } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors.Add(new ImportRowError(line, field, "is not valid JSON: write a JSON object, such as {\"tier\":\"gold\"}."));
            return null;
        }
    }

    private static DateOnly? Date(CsvReader reader, int column, long line, string field, List<ImportRowError> errors)
    {
        var text = ImportCsv.Span(reader, column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (ImportValues.TryDate(text, out var date))
        {
            return date;
        }

        errors.Add(new ImportRowError(line, field, ImportValues.DateMessage));
        return null;
    }

    private static int? Whole(CsvReader reader, int column, long line, string field, List<ImportRowError> errors)
    {
        var text = ImportCsv.Span(reader, column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (ImportValues.TryInt(text, out var value))
        {
            return value;
        }

        errors.Add(new ImportRowError(line, field, "must be a whole number."));
        return null;
    }
}
