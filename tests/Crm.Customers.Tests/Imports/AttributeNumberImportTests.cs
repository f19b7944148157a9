using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// An attribute number jsonb cannot store rejects its line, by the rule the API applies, instead of failing the copy
/// and with it the whole import.
/// </summary>
public sealed class AttributeNumberImportTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    private static string Prefix() => $"n{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task A_customers_csv_rejects_the_lines_whose_attribute_numbers_do_not_fit_and_stores_the_rest()
    {
        var p = Prefix();
        var file = $$$"""
            external_id,name,attributes
            {{{p}}}-1,Ada Lovelace,"{""visits"":12}"
            {{{p}}}-2,Too Big,"{""big"":1e200000}"
            {{{p}}}-3,Too Small,"{""tiny"":{""n"":1e-20000}}"
            {{{p}}}-4,Charles Babbage,"{""ratio"":0.25}"

            """;

        var job = await fixture.ImportAsync(ImportKind.Customers, file);

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((4, 2, 2), (job.RowsRead, job.RowsStored, job.RowsRejected));
        Assert.Equal([(3L, "attributes"), (4L, "attributes")], (await fixture.ErrorsAsync(job.Id)).Select(e => (e.Line, e.Field!)).ToArray());
        Assert.Equal(12, await fixture.ScalarAsync<int>("select (attributes->>'visits')::int from customers where external_id = @Id", new { Id = $"{p}-1" }));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from customers where external_id in (@A, @B)", new { A = $"{p}-2", B = $"{p}-3" }));
    }

    [Fact]
    public async Task An_ndjson_customers_file_rejects_the_lines_whose_attribute_numbers_do_not_fit_and_stores_the_rest()
    {
        var p = Prefix();
        var file = $$$"""
            {"externalId":"{{{p}}}-1","name":"Grace Hopper","attributes":{"wide":1e100000}}
            {"externalId":"{{{p}}}-2","name":"Alan Turing","attributes":{"visits":3}}

            """;

        var job = await fixture.ImportAsync(ImportKind.Customers, file, "application/x-ndjson");

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((2, 1, 1), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var error = Assert.Single(await fixture.ErrorsAsync(job.Id));
        Assert.Equal((1L, "attributes"), (error.Line, error.Field));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from customers where external_id = @Id", new { Id = $"{p}-1" }));
    }
}
