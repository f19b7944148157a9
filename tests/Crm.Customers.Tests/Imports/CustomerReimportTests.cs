using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// A customers row whose external id is registered already is a re-import when it says the same, and is rejected
/// when it says otherwise, as the API answers 409: it must never be counted as skipped while its content is dropped.
/// </summary>
public sealed class CustomerReimportTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    private static string Prefix() => $"r{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task A_registered_external_id_with_a_different_name_or_email_is_rejected_by_line_and_the_same_row_skipped()
    {
        var p = Prefix();
        await fixture.ImportAsync(ImportKind.Customers, $$"""
            external_id,name,email,postal_address.city,attributes
            {{p}}-1,Ada Lovelace,ada@example.com,London,"{""tier"":""gold"",""vip"":true}"
            {{p}}-2,Charles Babbage,charles@example.com,,
            {{p}}-3,Grace Hopper,,,

            """);
        var events = await fixture.ScalarAsync<long>("select count(*) from outbox");

        // 1 the same (attributes in another order), 2 another name and email, 3 an address; 4 new, then again otherwise.
        var again = await fixture.ImportAsync(ImportKind.Customers, $$"""
            external_id,name,email,postal_address.city,attributes
            {{p}}-1,Ada Lovelace,ada@example.com,London,"{ ""vip"": true, ""tier"": ""gold"" }"
            {{p}}-2,Charles Babbage Jr,babbage@example.com,,
            {{p}}-3,Grace Hopper,,Arlington,
            {{p}}-4,Alan Turing,,,
            {{p}}-4,Alan M. Turing,,,

            """);

        Assert.Equal(ImportJobStatus.Succeeded, again.Status);
        Assert.Equal((5L, 1L, 1L, 3L), (again.RowsRead, again.RowsStored, again.RowsSkipped, again.RowsRejected));
        var errors = await fixture.ErrorsAsync(again.Id);
        Assert.Equal([(3L, "external_id"), (4L, "external_id"), (6L, "external_id")], errors.Select(e => (e.Line, e.Field!)).ToArray());
        Assert.All(errors, error => Assert.Contains("recorded already with different content", error.Message));
        Assert.Contains($"'{p}-2'", errors[0].Message);
        Assert.Contains("(name, email)", errors[0].Message);
        Assert.Contains("postal_address.city", errors[1].Message);
        var stored = await fixture.QueryAsync<(string Id, string Name, string? Email)>(
            "select external_id, name, email from customers where external_id like @P order by external_id", new { P = $"{p}-%" });
        Assert.Equal(
            [($"{p}-1", "Ada Lovelace", "ada@example.com"), ($"{p}-2", "Charles Babbage", "charles@example.com"), ($"{p}-3", "Grace Hopper", null), ($"{p}-4", "Alan Turing", null)],
            stored);
        Assert.Equal(events + 1, await fixture.ScalarAsync<long>("select count(*) from outbox"));
    }

    [Fact]
    public async Task A_customer_registered_through_the_api_is_skipped_by_a_file_that_says_the_same_and_rejected_by_one_that_does_not()
    {
        var p = Prefix();
        var registered = await fixture.Client.PostAsJsonAsync("/api/customers", new { externalId = $"{p}-1", name = "Ada Lovelace", email = "ada@example.com", householdSize = 2 });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var same = await fixture.ImportAsync(ImportKind.Customers, $"external_id,name,email,household_size\n{p}-1,Ada Lovelace,ada@example.com,2\n");
        var other = await fixture.ImportAsync(ImportKind.Customers, $"external_id,name,email,household_size\n{p}-1,Ada Lovelace,ada@example.com,3\n");

        Assert.Equal((1L, 0L, 1L, 0L), (same.RowsRead, same.RowsStored, same.RowsSkipped, same.RowsRejected));
        Assert.Equal((1L, 0L, 0L, 1L), (other.RowsRead, other.RowsStored, other.RowsSkipped, other.RowsRejected));
        var error = Assert.Single(await fixture.ErrorsAsync(other.Id));
        Assert.Equal((2L, "external_id"), (error.Line, error.Field));
        Assert.Contains("(household_size)", error.Message);
        Assert.Equal(2, await fixture.ScalarAsync<int>("select household_size from customers where external_id = @Id", new { Id = $"{p}-1" }));
    }
}
