using System.Net.Http.Json;
using Crm.Contracts.Customers;
using Crm.Loyalty.Data;

namespace Crm.Loyalty.Tests;

/// <summary>Builds what the customers service would publish, and earn rules through the API, for the integration tests.</summary>
internal static class Purchases
{
    public static RecordedTransaction Sale(Guid customerId, decimal net, string channel, DateTimeOffset? at = null, string category = "general", string currency = "EUR")
    {
        var id = Guid.CreateVersion7();
        return new RecordedTransaction(id, $"sale-{id:N}", customerId, at ?? DateTimeOffset.UtcNow.AddMinutes(-1), channel, currency, TransactionKinds.Sale, null,
            net, 0m, 0m, net, net / 2, [new CategorySpend(category, 1m, net, net, net / 2)]);
    }

    public static RecordedTransaction Return(RecordedTransaction sale, decimal net)
    {
        var id = Guid.CreateVersion7();
        return new RecordedTransaction(id, $"return-{id:N}", sale.CustomerId, sale.OccurredAt.AddDays(1), sale.Channel, sale.Currency, TransactionKinds.Return,
            sale.TransactionId, net, 0m, 0m, net, net / 2, [new CategorySpend(sale.Categories[0].Category, 1m, net, net, net / 2)]);
    }

    /// <summary>The customers service cancelling a transaction entered in error, a sale or a return.</summary>
    public static TransactionReversed Reversal(RecordedTransaction transaction) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, transaction.CustomerId, transaction.TransactionId, transaction.ExternalId, "entered in error");

    public static TransactionsRecorded Recorded(params RecordedTransaction[] transactions) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, null, transactions);

    /// <summary>A channel of the test's own, so rules targeting it touch no other test's purchases.</summary>
    public static string Channel() => $"store-{Guid.NewGuid():N}"[..20];

    public static async Task<SavedEarnRule> CreateRuleAsync(this LoyaltyFixture fixture, object rule)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/loyalty/earn-rules", rule);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SavedEarnRule>(Json.Options))!;
    }

    public static object BaseRule(string channel, decimal pointsPerUnit, int priority = 0) => new
    {
        name = $"base {channel}",
        kind = "base",
        priority,
        effectiveFrom = DateTimeOffset.UtcNow.AddYears(-2),
        target = new { channels = new[] { channel } },
        pointsPerUnit,
    };
}
