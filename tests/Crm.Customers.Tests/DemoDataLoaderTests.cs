using Crm.DemoData;

namespace Crm.Customers.Tests;

/// <summary>
/// The demo loader asks the customers API whether the demo customers are there before it loads a history ending
/// yesterday: on a later day the same ids would come with other dates and every transaction would be rejected.
/// </summary>
public sealed class DemoDataLoaderTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Fact]
    public async Task The_loader_tells_a_loaded_customer_base_from_an_empty_one()
    {
        var client = new ImportClient(fixture.Client, TextWriter.Null);
        var firstDemoCustomer = DemoCustomer.ExternalIdOf(1);

        Assert.Equal("demo-000001", firstDemoCustomer);
        Assert.False(await client.CustomerExistsAsync(firstDemoCustomer, CancellationToken.None));

        await fixture.RegisterCustomerAsync(body: new { externalId = firstDemoCustomer, name = "Demo Customer" });

        Assert.True(await client.CustomerExistsAsync(firstDemoCustomer, CancellationToken.None));
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--end-date", "2025-06-30" }, true)]
    public void Only_an_explicit_end_date_counts_as_given(string[] args, bool given) =>
        Assert.Equal(given, DemoDataOptions.Parse(args).EndDateGiven);
}
