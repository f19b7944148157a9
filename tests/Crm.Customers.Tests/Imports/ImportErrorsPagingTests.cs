using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>A line can have several errors; paging through them with any page size must return each exactly once.</summary>
public sealed class ImportErrorsPagingTests(ImportsFixture fixture) : IClassFixture<ImportsFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Lines 2–6: two errors each on lines 2, 3 and 5, one on line 4, none on line 6.</summary>
    private async Task<ImportJob> ImportWithSeveralErrorsPerLineAsync()
    {
        var p = $"g{Guid.NewGuid():N}"[..13];
        var job = await fixture.ImportAsync(ImportKind.Customers, $"""
            external_id,name,email,household_size
            {p}-1,Two Errors,not-an-email,x
            {p}-2,Two Errors,not-an-email,99
            {p}-3,One Error,not-an-email,
            {p}-4,Two Errors,bad,x
            {p}-5,Fine,,

            """);
        Assert.Equal((5L, 1L, 4L), (job.RowsRead, job.RowsStored, job.RowsRejected));
        return job;
    }

    private async Task<List<(long Line, string? Field)>> PageThroughAsync(Guid job, int limit)
    {
        var all = new List<(long Line, string? Field)>();
        string? after = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = (await fixture.Client.GetFromJsonAsync<ImportErrorsPage>(
                $"/api/customers/imports/{job}/errors?limit={limit}{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}", Json))!;
            Assert.InRange(page.Items.Count, 0, limit);
            all.AddRange(page.Items.Select(error => (error.Line, error.Field)));
            if (page.Next is null)
            {
                return all;
            }

            after = page.Next;
        }

        throw new InvalidOperationException("paging did not end");
    }

    [Fact]
    public async Task Paging_with_any_limit_returns_every_error_once_even_when_a_page_ends_inside_a_line()
    {
        var job = await ImportWithSeveralErrorsPerLineAsync();
        var everything = (await fixture.ErrorsAsync(job.Id)).Select(error => (error.Line, error.Field)).ToList();
        Assert.Equal([2L, 2L, 3L, 3L, 4L, 5L, 5L], everything.Select(error => error.Line).ToArray());

        foreach (var limit in Enumerable.Range(1, 8))
        {
            Assert.Equal(everything, await PageThroughAsync(job.Id, limit));
        }
    }

    [Fact]
    public async Task A_line_number_still_works_as_after_and_a_page_ending_with_a_whole_line_names_it()
    {
        var job = await ImportWithSeveralErrorsPerLineAsync();

        var afterLine2 = (await fixture.Client.GetFromJsonAsync<ImportErrorsPage>($"/api/customers/imports/{job.Id}/errors?limit=2&after=2", Json))!;

        Assert.Equal([3L, 3L], afterLine2.Items.Select(error => error.Line).ToArray());
        Assert.Equal("3", afterLine2.Next);
    }

    [Fact]
    public async Task The_next_of_a_page_ending_inside_a_line_is_a_valid_after_and_a_malformed_after_a_400_problem()
    {
        var job = await ImportWithSeveralErrorsPerLineAsync();
        var first = (await fixture.Client.GetFromJsonAsync<ImportErrorsPage>($"/api/customers/imports/{job.Id}/errors?limit=1", Json))!;

        var rest = await fixture.Client.GetAsync($"/api/customers/imports/{job.Id}/errors?limit=1&after={Uri.EscapeDataString(first.Next!)}");
        var malformed = await fixture.Client.GetAsync($"/api/customers/imports/{job.Id}/errors?after={Uri.EscapeDataString(first.Next! + "x")}");

        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(2L, Assert.Single((await rest.Content.ReadFromJsonAsync<ImportErrorsPage>(Json))!.Items).Line);
        await CustomersServiceFixture.AssertValidationProblemAsync(malformed, "after");
    }
}
