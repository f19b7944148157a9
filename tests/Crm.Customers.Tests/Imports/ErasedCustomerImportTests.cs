using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// An erased customer's external id is replaced, but the old files still name it: importing one again must not
/// create the person again, nor record anything more about them.
/// </summary>
public sealed class ErasedCustomerImportTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    [Fact]
    public async Task An_old_file_naming_an_erased_customer_registers_nothing_and_records_nothing_about_them()
    {
        var p = $"z{Guid.NewGuid():N}"[..13];
        var customers = $"""
            external_id,name,email
            {p}-1,Forget Me,{p}.forget@example.com
            {p}-2,Keep Me,

            """;
        await fixture.ImportAsync(ImportKind.Customers, customers);
        var id = await fixture.ScalarAsync<Guid>("select id from customers where external_id = @Id", new { Id = $"{p}-1" });
        Assert.True((await fixture.Client.PostAsync($"/api/customers/{id}/erasure", null)).IsSuccessStatusCode);

        var again = await fixture.ImportAsync(ImportKind.Customers, customers);
        var sales = await fixture.ImportAsync(ImportKind.Transactions, $"""
            transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price
            {p}-T1,{p}-1,2024-05-01,store,EUR,SKU-1,food,1,5
            {p}-T2,{p}-2,2024-05-01,store,EUR,SKU-1,food,1,5

            """);

        Assert.Equal((2, 0, 1, 1), (again.RowsRead, again.RowsStored, again.RowsSkipped, again.RowsRejected));
        var refused = Assert.Single(await fixture.ErrorsAsync(again.Id));
        Assert.Equal((2L, "external_id"), (refused.Line, refused.Field));
        Assert.Contains("erased", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "select count(*) from customers where external_id = @Id or email like @Email", new { Id = $"{p}-1", Email = $"{p}.forget%" }));
        Assert.Equal((2, 1, 1), (sales.RowsRead, sales.RowsStored, sales.RowsRejected));
        var rejected = Assert.Single(await fixture.ErrorsAsync(sales.Id));
        Assert.Equal((2L, "customer_id"), (rejected.Line, rejected.Field));
        Assert.Contains("erased", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_erased_between_two_batches_of_one_import_is_refused_in_the_second()
    {
        var p = $"k{Guid.NewGuid():N}"[..13];
        await fixture.ImportAsync(ImportKind.Customers, $"""
            external_id,name
            {p}-1,Erased Midway
            {p}-2,Stays

            """);
        var known = new KnownCustomers();
        await using var connection = fixture.OpenDatabase();

        var first = await ResolveAsync(known, connection, $"{p}-1", $"{p}-2");
        Assert.Equal((false, false), (first[$"{p}-1"].Erased, first[$"{p}-2"].Erased));
        Assert.True((await fixture.Client.PostAsync($"/api/customers/{first[$"{p}-1"].Id}/erasure", null)).IsSuccessStatusCode);
        var second = await ResolveAsync(known, connection, $"{p}-1", $"{p}-2");

        // The batch after the erasure does not take the erased customer from the job's memory.
        Assert.True(second[$"{p}-1"].Erased);
        Assert.Equal(first[$"{p}-2"], second[$"{p}-2"]);
        Assert.Contains("erased", CustomerKeys.Problem($"{p}-1", second[$"{p}-1"]), StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, CustomerKey>> ResolveAsync(KnownCustomers known, Npgsql.NpgsqlConnection connection, params string[] ids)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        return await known.ResolveAsync(connection, transaction, ids, CancellationToken.None);
    }
}
