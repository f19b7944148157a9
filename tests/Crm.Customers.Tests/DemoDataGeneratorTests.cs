using System.Globalization;
using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.DemoData;
using Crm.ServiceDefaults;
using Crm.Testing;

namespace Crm.Customers.Tests;

/// <summary>The demo data generator: deterministic, realistic in volume and mix, and valid for the import API.</summary>
public sealed class DemoDataGeneratorTests : IDisposable
{
    private static readonly string[] Files = [DemoDataGenerator.CustomersFile, DemoDataGenerator.TransactionsFile, DemoDataGenerator.InteractionsFile];

    private static readonly HashSet<string> AcquisitionSources =
        ["search", "social", "referral", "advertising", "email", "store", "partner", "event", "other"];

    private readonly string _folder = Directory.CreateTempSubdirectory("crm-demo-data-tests-").FullName;

    [Fact]
    public void The_same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        var first = Generate("first", customers: 200, seed: 7);
        var second = Generate("second", customers: 200, seed: 7);
        var other = Generate("other", customers: 200, seed: 8);

        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(other, file)));
        }
    }

    [Fact]
    public void A_customer_is_the_same_whatever_the_size_of_the_generated_base()
    {
        var small = Generate("small", customers: 100, seed: 3);
        var large = Generate("large", customers: 300, seed: 3);

        foreach (var file in Files)
        {
            var smallText = File.ReadAllText(Path.Combine(small, file));
            Assert.StartsWith(smallText, File.ReadAllText(Path.Combine(large, file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_generated_row_obeys_the_import_rules()
    {
        var folder = Generate("rules", customers: 400, seed: 11);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var customers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, row) in Rows(folder, DemoDataGenerator.CustomersFile, DemoDataGenerator.CustomersHeader))
        {
            var customer = new RegisterCustomer(row[0], row[1], Optional(row[2]), Optional(row[3]), null, OptionalDate(row[4]),
                Optional(row[5]) is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : null, Optional(row[6]), Optional(row[7]),
                Optional(row[8]), Optional(row[9]), null, OptionalDate(row[10]));
            AssertValid(CustomerRules.Validate(customer, today, AcquisitionSources), DemoDataGenerator.CustomersFile, line);
            Assert.NotNull(customer.CustomerSince);
            Assert.True(customers.Add(row[0]), $"customer {row[0]} appears twice");
            foreach (var consent in row[11].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = consent.Split(':');
                Assert.True(parts.Length == 2 && ContactChannels.All.Contains(parts[0]) && ContactPurposes.All.Contains(parts[1]),
                    $"customers.csv line {line}: consent '{consent}' is not channel:purpose");
            }
        }

        var sales = new Dictionary<string, Sale>(StringComparer.Ordinal);
        var returned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, rows) in Transactions(folder))
        {
            var head = rows[0];
            Assert.All(rows, row => Assert.Equal(head[1..5].Concat(head[12..]), row[1..5].Concat(row[12..])));
            var lines = rows.Select(row => new TransactionLineInput(row[5], row[6], Number(row[7]), Number(row[8]), Number(row[9]),
                Number(row[10]), Number(row[11]))).ToList();
            var transaction = new PostTransaction(head[0], DateTimeOffset.Parse(head[2], CultureInfo.InvariantCulture), head[3], head[4],
                lines, head[12], Optional(head[13]));
            AssertValid(TransactionRules.Validate(transaction, now, TimeSpan.Zero), DemoDataGenerator.TransactionsFile, line);
            Assert.Contains(head[1], customers);
            Assert.Equal(TimeSpan.Zero, transaction.OccurredAt.Offset);

            if (transaction.Kind == TransactionKinds.Sale)
            {
                Assert.True(sales.TryAdd(head[0], new Sale(head[1], transaction.OccurredAt, lines)), $"transaction {head[0]} appears twice");
                continue;
            }

            // A return refers to an earlier sale of the same customer, once, and gives back no more than was bought.
            Assert.True(sales.TryGetValue(head[13], out var sale), $"transactions.csv line {line}: return of unknown or later sale {head[13]}");
            Assert.Equal(sale.CustomerId, head[1]);
            Assert.True(transaction.OccurredAt > sale.OccurredAt, $"transactions.csv line {line}: return before its sale");
            Assert.True(returned.Add(head[13]), $"sale {head[13]} is returned twice");
            foreach (var group in lines.GroupBy(l => l.Sku))
            {
                Assert.True(group.Sum(l => l.Quantity) <= sale.Lines.Where(l => l.Sku == group.Key).Sum(l => l.Quantity),
                    $"transactions.csv line {line}: more of {group.Key} returned than sold");
            }
        }

        Assert.NotEmpty(returned);
        var interactionIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, row) in Rows(folder, DemoDataGenerator.InteractionsFile, DemoDataGenerator.InteractionsHeader))
        {
            var interaction = new PostInteraction(row[0], DateTimeOffset.Parse(row[2], CultureInfo.InvariantCulture), row[3], row[4],
                Optional(row[5]) is { } cost ? Number(cost) : null, Optional(row[6]));
            AssertValid(InteractionRules.Validate(interaction, now, TimeSpan.Zero), DemoDataGenerator.InteractionsFile, line);
            Assert.Contains(row[1], customers);
            Assert.True(interactionIds.Add(row[0]), $"interaction {row[0]} appears twice");
        }
    }

    [Fact]
    public void Fifty_thousand_customers_make_about_a_million_transaction_lines_with_a_realistic_mix()
    {
        const int customers = 2_000;
        var folder = Generate("volume", customers, seed: 42);

        var lines = Rows(folder, DemoDataGenerator.TransactionsFile, DemoDataGenerator.TransactionsHeader).Select(r => r.Row).ToList();
        var transactions = lines.DistinctBy(row => row[0]).ToList();
        var returns = transactions.Count(row => row[12] == TransactionKinds.Return);
        var linesForFiftyThousand = lines.Count * 50_000.0 / customers;
        Assert.InRange(linesForFiftyThousand, 750_000, 1_400_000);
        Assert.InRange((double)lines.Count / transactions.Count, 2.0, 3.0);
        Assert.InRange((double)returns / transactions.Count, 0.03, 0.06);
        Assert.True(lines.Any(row => Number(row[9]) > 0), "some lines are discounted");
        Assert.True(lines.Any(row => Number(row[10]) > 0), "some lines carry an allowance");
        Assert.Equal(["app", "mail", "partner", "phone", "store", "web"], transactions.Select(row => row[3]).Distinct().Order());
        Assert.Equal(8, lines.Select(row => row[6]).Distinct().Count());

        // Heterogeneous buying: many buy once, a few buy very often (the BG/NBD shape).
        var perCustomer = transactions.Where(row => row[12] == TransactionKinds.Sale).CountBy(row => row[1]).Select(pair => pair.Value).ToList();
        Assert.InRange(perCustomer.Count(count => count == 1) / (double)customers, 0.2, 0.6);
        Assert.True(perCustomer.Max() >= 50, $"the heaviest buyer has only {perCustomer.Max()} purchases");

        var profiles = Rows(folder, DemoDataGenerator.CustomersFile, DemoDataGenerator.CustomersHeader).Select(r => r.Row).ToList();
        double Share(string consent) => profiles.Count(row => row[11].Split(';').Contains(consent)) / (double)profiles.Count;
        Assert.InRange(Share("email:service"), 0.7, 0.9);
        Assert.InRange(Share("email:marketing"), 0.3, 0.5);
        Assert.True(profiles.Select(row => row[8]).Distinct().Count() == AcquisitionSources.Count, "every acquisition source is used");

        var interactions = Rows(folder, DemoDataGenerator.InteractionsFile, DemoDataGenerator.InteractionsHeader).Select(r => r.Row).ToList();
        Assert.Equal(InteractionTypes.All.Order(), interactions.Select(row => row[4]).Distinct().Order());
        Assert.All(interactions.Where(row => row[4] is "serviceTicket" or "call" or "chat"), row => Assert.True(Number(row[5]) > 0));
    }

    public void Dispose() => TestFolders.TryDelete(_folder);

    private string Generate(string name, int customers, int seed)
    {
        var folder = Path.Combine(_folder, name);
        new DemoDataGenerator(new DemoDataSettings { Customers = customers, Seed = seed }).Generate(folder);
        return folder;
    }

    /// <summary>Rows as fields; the generator never needs CSV quoting, which this checks rather than parses.</summary>
    private static IEnumerable<(long Line, string[] Row)> Rows(string folder, string file, string header)
    {
        using var reader = new StreamReader(Path.Combine(folder, file));
        Assert.Equal(header, reader.ReadLine());
        var columns = header.Split(',').Length;
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            Assert.False(text.Contains('"', StringComparison.Ordinal), $"{file} line {line} needs CSV quoting");
            var row = text.Split(',');
            Assert.True(row.Length == columns, $"{file} line {line} has {row.Length} fields, not {columns}");
            yield return (line, row);
        }
    }

    /// <summary>Transactions as the import groups them: adjacent rows with the same transaction id.</summary>
    private static IEnumerable<(long Line, List<string[]> Rows)> Transactions(string folder)
    {
        List<string[]>? current = null;
        long start = 0;
        foreach (var (line, row) in Rows(folder, DemoDataGenerator.TransactionsFile, DemoDataGenerator.TransactionsHeader))
        {
            if (current is not null && current[0][0] != row[0])
            {
                yield return (start, current);
                current = null;
            }

            if (current is null)
            {
                current = [];
                start = line;
            }

            current.Add(row);
        }

        if (current is not null)
        {
            yield return (start, current);
        }
    }

    private static void AssertValid(ValidationErrors errors, string file, long line) =>
        Assert.True(errors.IsEmpty, $"{file} line {line}: {string.Join("; ", errors.All.Select(e => $"{e.Field} {e.Message}"))}");

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static DateOnly? OptionalDate(string value) =>
        value.Length == 0 ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Number(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private sealed record Sale(string CustomerId, DateTimeOffset OccurredAt, List<TransactionLineInput> Lines);
}
