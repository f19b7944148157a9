using System.Globalization;
using System.Text;

namespace Crm.DemoData;

/// <summary>
/// Writes customers.csv, transactions.csv and interactions.csv in the customers service's import formats, one customer
/// at a time (only that customer's history is ever in memory). The same settings give byte-identical files.
/// </summary>
public sealed class DemoDataGenerator(DemoDataSettings settings)
{
    public const string CustomersFile = "customers.csv";
    public const string TransactionsFile = "transactions.csv";
    public const string InteractionsFile = "interactions.csv";

    public const string CustomersHeader =
        "external_id,name,email,phone,birth_date,household_size,country,region,acquisition_source,acquisition_note,customer_since,consents";

    public const string TransactionsHeader =
        "transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price,discount,allowance,unit_cost,kind,original_transaction_id";

    public const string InteractionsHeader = "interaction_id,customer_id,occurred_at,channel,type,cost_to_serve,currency";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public DemoDataSettings Settings => settings;

    public DemoDataSummary Generate(string folder)
    {
        Directory.CreateDirectory(folder);
        using var customers = Open(Path.Combine(folder, CustomersFile), CustomersHeader);
        using var transactions = Open(Path.Combine(folder, TransactionsFile), TransactionsHeader);
        using var interactions = Open(Path.Combine(folder, InteractionsFile), InteractionsHeader);

        var catalogue = new Catalogue(settings.Seed);
        var summary = new DemoDataSummary();
        for (var number = 1; number <= settings.Customers; number++)
        {
            var life = new CustomerLife(settings, catalogue, number);
            life.Live();
            WriteCustomer(customers, life.Customer);
            foreach (var transaction in life.Transactions)
            {
                WriteTransaction(transactions, life.Customer, transaction);
                summary.Add(transaction);
            }

            for (var i = 0; i < life.Interactions.Count; i++)
            {
                WriteInteraction(interactions, life.Customer, $"{life.Customer.ExternalId}-i{i + 1:00000}", life.Interactions[i]);
            }

            summary.Customers++;
            summary.Interactions += life.Interactions.Count;
            summary.ActiveAtEnd += life.DroppedOutAt is null ? 1 : 0;
        }

        return summary;
    }

    private static StreamWriter Open(string path, string header)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16)
        {
            NewLine = "\n",
        };
        writer.WriteLine(header);
        return writer;
    }

    private static void WriteCustomer(StreamWriter writer, DemoCustomer customer)
    {
        writer.WriteLine(string.Join(',',
            Csv(customer.ExternalId),
            Csv(customer.Name),
            Csv(customer.Email),
            Csv(customer.Phone),
            customer.BirthDate?.ToString("yyyy-MM-dd", Invariant) ?? "",
            customer.HouseholdSize?.ToString(Invariant) ?? "",
            customer.Country,
            Csv(customer.Region),
            customer.AcquisitionSource,
            Csv(customer.AcquisitionNote),
            customer.CustomerSince.ToString("yyyy-MM-dd", Invariant),
            string.Join(';', customer.Consents)));
    }

    private void WriteTransaction(StreamWriter writer, DemoCustomer customer, DemoTransaction transaction)
    {
        var occurredAt = Timestamp(transaction.OccurredAt);
        var kind = transaction.IsReturn ? "return" : "sale";
        foreach (var line in transaction.Lines)
        {
            writer.WriteLine(string.Create(Invariant,
                $"{transaction.Id},{customer.ExternalId},{occurredAt},{transaction.Channel},{settings.Currency},{line.Product.Sku},{line.Product.Category.Code},{line.Quantity},{line.Product.UnitPrice:0.00},{line.Discount:0.00},{line.Allowance:0.00},{line.Product.UnitCost:0.####},{kind},{transaction.OriginalId}"));
        }
    }

    private void WriteInteraction(StreamWriter writer, DemoCustomer customer, string id, DemoInteraction interaction)
    {
        var cost = interaction.CostToServe is { } amount ? amount.ToString("0.00", Invariant) : "";
        var currency = interaction.CostToServe is null ? "" : settings.Currency;
        writer.WriteLine(string.Create(Invariant,
            $"{id},{customer.ExternalId},{Timestamp(interaction.OccurredAt)},{interaction.Channel},{interaction.Type},{cost},{currency}"));
    }

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Invariant);

    /// <summary>RFC 4180 quoting, only where a field needs it.</summary>
    private static string Csv(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value :
        $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
