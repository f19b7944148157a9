using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Tests;

/// <summary>Profiles: read back, changed with a merge patch under optimistic concurrency, searched, and the source list.</summary>
public sealed class ProfileTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    [Fact]
    public async Task Every_profile_field_registered_is_read_back_by_id_and_by_external_id()
    {
        var externalId = CustomersServiceFixture.NewExternalId();
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId,
            name = "Grace Hopper",
            email = "grace@example.com",
            phone = "+1 (555) 010-2030",
            postalAddress = new { line1 = "1 Navy Way", line2 = "Suite 2", city = "Arlington", postalCode = "22202", region = "VA", country = "US" },
            birthDate = "1906-12-09",
            householdSize = 2,
            country = "US",
            region = "Virginia",
            acquisitionSource = "referral",
            acquisitionNote = "Heard about us at a conference",
            attributes = new { tier = "gold", pets = 2, tags = new[] { "cobol" } },
            customerSince = "2001-05-17",
        });

        var byId = await fixture.Client.GetAsync($"/api/customers/{customer.Id}");
        var byExternalId = await fixture.Client.GetAsync($"/api/customers/by-external-id/{externalId}");

        foreach (var response in new[] { byId, byExternalId })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
            var read = (await response.Content.ReadFromJsonAsync<Customer>())!;
            Assert.Equal(customer.Id, read.Id);
            Assert.Equal(externalId, read.ExternalId);
            Assert.Equal("Grace Hopper", read.Name);
            Assert.Equal("grace@example.com", read.Email);
            Assert.Equal("+1 (555) 010-2030", read.Phone);
            Assert.Equal(new PostalAddress("1 Navy Way", "Suite 2", "Arlington", "22202", "VA", "US"), read.PostalAddress);
            Assert.Equal(new DateOnly(1906, 12, 9), read.BirthDate);
            Assert.Equal(2, read.HouseholdSize);
            Assert.Equal("US", read.Country);
            Assert.Equal("Virginia", read.Region);
            Assert.Equal("referral", read.AcquisitionSource);
            Assert.Equal("Heard about us at a conference", read.AcquisitionNote);
            Assert.Equal("gold", read.Attributes.GetProperty("tier").GetString());
            Assert.Equal(2, read.Attributes.GetProperty("pets").GetInt32());
            Assert.Equal("cobol", read.Attributes.GetProperty("tags")[0].GetString());
            Assert.Equal(new DateOnly(2001, 5, 17), read.CustomerSince);
            Assert.Equal(1, read.Version);
            Assert.Null(read.ErasedAt);
        }
    }

    [Fact]
    public async Task Registering_announces_the_customer_once()
    {
        var customer = await fixture.RegisterCustomerAsync();

        Assert.Equal(1, await fixture.CountEventsAsync("CustomerRegistered", customer.Id));
    }

    [Fact]
    public async Task Customer_since_defaults_to_the_day_of_registration()
    {
        var customer = await fixture.RegisterCustomerAsync();

        Assert.Equal(DateOnly.FromDateTime(customer.CreatedAt.UtcDateTime), customer.CustomerSince);
    }

    [Fact]
    public async Task An_unknown_external_id_is_a_404_problem()
    {
        var response = await fixture.Client.GetAsync($"/api/customers/by-external-id/{CustomersServiceFixture.NewExternalId()}");

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_patch_changes_only_the_fields_it_names_and_moves_the_version_and_etag_on()
    {
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = "Before",
            email = "before@example.com",
            phone = "+44 20 7946 0000",
            country = "GB",
        });

        var response = await PatchAsync(customer.Id, """{"name": "After", "email": null, "householdSize": 3}""", "\"1\"", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var patched = (await response.Content.ReadFromJsonAsync<Customer>())!;
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        foreach (var profile in new[] { patched, read })
        {
            Assert.Equal("After", profile.Name);
            Assert.Null(profile.Email);
            Assert.Equal(3, profile.HouseholdSize);
            Assert.Equal("+44 20 7946 0000", profile.Phone);
            Assert.Equal("GB", profile.Country);
            Assert.Equal(customer.ExternalId, profile.ExternalId);
            Assert.Equal(2, profile.Version);
            Assert.True(profile.UpdatedAt >= customer.UpdatedAt);
        }
    }

    [Fact]
    public async Task A_patch_announces_the_change_with_the_fields_changed()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await PatchAsync(customer.Id, """{"region": "Bavaria", "country": "DE"}""", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await fixture.CountEventsAsync("CustomerProfileUpdated", customer.Id));
        var payload = await fixture.ScalarAsync<string>(
            "select payload::text from outbox where message_type like '%.CustomerProfileUpdated,%' and payload::json->>'customerId' = @Id",
            new { Id = customer.Id.ToString() });
        using var changed = JsonDocument.Parse(payload!);
        Assert.Equal(2, changed.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(["region", "country"], changed.RootElement.GetProperty("changedFields").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal("Bavaria", changed.RootElement.GetProperty("profile").GetProperty("region").GetString());
    }

    [Fact]
    public async Task A_plain_json_patch_is_accepted_like_a_merge_patch()
    {
        var customer = await fixture.RegisterCustomerAsync();

        var response = await PatchAsync(customer.Id, """{"name": "Plain JSON"}""", "\"1\"", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Plain JSON", (await response.Content.ReadFromJsonAsync<Customer>())!.Name);
    }

    [Fact]
    public async Task Attributes_are_merged_member_by_member_and_null_removes_a_key()
    {
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = "Attributed",
            attributes = new { tier = "silver", newsletter = true, shoeSize = 42 },
        });

        var response = await PatchAsync(customer.Id, """{"attributes": {"tier": "gold", "newsletter": null, "favouriteColour": "teal"}}""", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal("gold", read.Attributes.GetProperty("tier").GetString());
        Assert.Equal(42, read.Attributes.GetProperty("shoeSize").GetInt32());
        Assert.Equal("teal", read.Attributes.GetProperty("favouriteColour").GetString());
        Assert.False(read.Attributes.TryGetProperty("newsletter", out _));
    }

    [Fact]
    public async Task A_patch_without_if_match_is_refused_with_428_and_changes_nothing()
    {
        var customer = await fixture.RegisterCustomerAsync("Unchanged");

        var response = await PatchAsync(customer.Id, """{"name": "Changed"}""", ifMatch: null);

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.PreconditionRequired);
        await AssertUnchangedAsync(customer);
    }

    [Fact]
    public async Task A_patch_of_a_stale_version_is_refused_with_412_and_changes_nothing()
    {
        var customer = await fixture.RegisterCustomerAsync("Original");
        var first = await PatchAsync(customer.Id, """{"name": "First writer"}""", "\"1\"");

        var second = await PatchAsync(customer.Id, """{"name": "Second writer"}""", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await CustomersServiceFixture.AssertProblemAsync(second, HttpStatusCode.PreconditionFailed);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal("First writer", read.Name);
        Assert.Equal(2, read.Version);
        Assert.Equal(1, await fixture.CountEventsAsync("CustomerProfileUpdated", customer.Id));
    }

    [Fact]
    public async Task Of_concurrent_patches_of_the_same_version_exactly_one_wins()
    {
        var customer = await fixture.RegisterCustomerAsync("Contended");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PatchAsync(customer.Id, $$"""{"name": "Writer {{i}}"}""", "\"1\"")));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(response => response.StatusCode != HttpStatusCode.OK),
            response => Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode));
        var winner = (await responses.Single(response => response.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<Customer>())!;
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(winner.Name, read.Name);
        Assert.Equal(2, read.Version);
        Assert.Equal(1, await fixture.CountEventsAsync("CustomerProfileUpdated", customer.Id));
    }

    [Fact]
    public async Task If_match_star_patches_whatever_the_version()
    {
        var customer = await fixture.RegisterCustomerAsync();
        await PatchAsync(customer.Id, """{"name": "Version two"}""", "\"1\"");

        var response = await PatchAsync(customer.Id, """{"name": "Version three"}""", "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"3\"", response.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("""{"externalId": "C-new"}""", "externalId")]
    [InlineData("""{"loyaltyPoints": 1000}""", "loyaltyPoints")]
    [InlineData("""{"name": null}""", "name")]
    [InlineData("""{"name": 7}""", "name")]
    [InlineData("""{"email": "not-an-email"}""", "email")]
    [InlineData("""{"householdSize": "four"}""", "householdSize")]
    [InlineData("""{"householdSize": 0}""", "householdSize")]
    [InlineData("""{"birthDate": "12/09/1906"}""", "birthDate")]
    [InlineData("""{"postalAddress": "1 Main St"}""", "postalAddress")]
    [InlineData("""{"postalAddress": {"city": 5}}""", "postalAddress")]
    [InlineData("""{"attributes": [1]}""", "attributes")]
    [InlineData("""{"attributes": {"note": "\u0000"}}""", "attributes")]
    [InlineData("""{"acquisitionSource": "carrierPigeon"}""", "acquisitionSource")]
    [InlineData("""{"region": "Tab\there"}""", "region")]
    [InlineData("""["not", "an", "object"]""", "$")]
    public async Task An_invalid_patch_is_a_400_problem_naming_the_field_and_changes_nothing(string patch, string field)
    {
        var customer = await fixture.RegisterCustomerAsync("Kept as is");
        var before = await fixture.CountRecordsAsync();

        var response = await PatchAsync(customer.Id, patch, "\"1\"");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        await AssertUnchangedAsync(customer);
    }

    [Fact]
    public async Task Patching_an_unknown_customer_is_a_404_problem()
    {
        var response = await PatchAsync(Guid.CreateVersion7(), """{"name": "Nobody"}""", "\"1\"");

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_pages_through_every_match_once_in_creation_order()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var registered = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add((await fixture.RegisterCustomerAsync($"Pager {token} {i}")).Id);
        }

        var found = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await fixture.Client.GetFromJsonAsync<Page<Customer>>($"/api/customers?q={token}&limit=2{(after is null ? "" : $"&after={after}")}"))!;
            Assert.True(page.Items.Count <= 2);
            found.AddRange(page.Items.Select(customer => customer.Id));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(registered, found);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Search_text_matches_name_or_email_ignoring_case()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var byName = await fixture.RegisterCustomerAsync($"Searchable {token} Name");
        var byEmail = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = "Someone Else",
            email = $"{token}@example.com",
        });

        var page = (await fixture.Client.GetFromJsonAsync<Page<Customer>>($"/api/customers?q={token.ToUpperInvariant()}"))!;

        Assert.Equal([byName.Id, byEmail.Id], page.Items.Select(customer => customer.Id));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Search_wildcards_in_the_text_match_only_themselves()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var literal = await fixture.RegisterCustomerAsync($"Save 50%_off {token}");
        await fixture.RegisterCustomerAsync($"Save 50xxoff {token}");

        var page = (await fixture.Client.GetFromJsonAsync<Page<Customer>>($"/api/customers?q={Uri.EscapeDataString($"50%_off {token}")}"))!;

        Assert.Equal([literal.Id], page.Items.Select(customer => customer.Id));
    }

    [Fact]
    public async Task Search_filters_by_acquisition_source_attribute_and_creation_time()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var match = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Filtered {token}",
            acquisitionSource = "event",
            attributes = new { tier = "gold", region = "north" },
        });
        await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Filtered {token}",
            acquisitionSource = "search",
            attributes = new { tier = "gold" },
        });
        await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Filtered {token}",
            acquisitionSource = "event",
            attributes = new { tier = "silver" },
        });
        var from = Uri.EscapeDataString(match.CreatedAt.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(match.CreatedAt.AddMinutes(1).ToString("O"));

        var page = (await fixture.Client.GetFromJsonAsync<Page<Customer>>(
            $"/api/customers?q={token}&acquisitionSource=event&attribute=tier:gold&createdFrom={from}&createdTo={to}"))!;
        var before = (await fixture.Client.GetFromJsonAsync<Page<Customer>>($"/api/customers?q={token}&createdTo={from}"))!;

        Assert.Equal([match.Id], page.Items.Select(customer => customer.Id));
        Assert.Empty(before.Items);
    }

    [Fact]
    public async Task An_attribute_filter_carrying_sql_or_json_is_matched_as_a_value()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Quoted {token}",
            attributes = new { note = "it's \"quoted\"" },
        });
        var before = await fixture.CountAsync("customers");

        var match = (await fixture.Client.GetFromJsonAsync<Page<Customer>>(
            $"/api/customers?q={token}&attribute={Uri.EscapeDataString("note:it's \"quoted\"")}"))!;
        var injection = await fixture.Client.GetAsync(
            $"/api/customers?q={token}&attribute={Uri.EscapeDataString("note:x'}'::jsonb or true; delete from customers; --")}");

        Assert.Equal([customer.Id], match.Items.Select(found => found.Id));
        Assert.Equal(HttpStatusCode.OK, injection.StatusCode);
        Assert.Empty((await injection.Content.ReadFromJsonAsync<Page<Customer>>())!.Items);
        Assert.Equal(before, await fixture.CountAsync("customers"));
    }

    [Fact]
    public async Task An_attribute_filter_matches_a_stored_boolean_number_or_null_as_well_as_the_same_text()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var typed = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Typed {token}",
            attributes = new { vip = true, size = 44, ratio = 0.5m, optOut = (string?)null },
        });
        var text = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Text {token}",
            attributes = new { vip = "true", size = "44", ratio = "0.5", optOut = "null" },
        });
        var other = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = $"Other {token}",
            attributes = new { vip = false, size = 45, ratio = "half", optOut = "no" },
        });

        async Task<IEnumerable<Guid>> FindAsync(params string[] filters) =>
            (await fixture.Client.GetFromJsonAsync<Page<Customer>>(
                $"/api/customers?q={token}{string.Concat(filters.Select(filter => $"&attribute={Uri.EscapeDataString(filter)}"))}"))!
            .Items.Select(customer => customer.Id);

        Assert.Equal([typed.Id, text.Id], await FindAsync("vip:true"));
        Assert.Equal([typed.Id, text.Id], await FindAsync("size:44"));
        Assert.Equal([typed.Id, text.Id], await FindAsync("ratio:0.5"));
        Assert.Equal([typed.Id, text.Id], await FindAsync("optOut:null"));
        Assert.Equal([typed.Id, text.Id], await FindAsync("vip:true", "size:44"));
        Assert.Equal([other.Id], await FindAsync("vip:false", "size:45", "ratio:half"));
        Assert.Empty(await FindAsync("vip:true", "size:45"));
        Assert.Empty(await FindAsync("vip:True"));
        Assert.Empty(await FindAsync("size: 44"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name": "Same Again", "country": "FR", "attributes": {"tier": "gold", "pets": 2.0}}""")]
    [InlineData("""{"attributes": {"missing": null}, "householdSize": 2}""")]
    public async Task A_patch_that_changes_nothing_keeps_the_version_and_etag_and_announces_nothing(string patch)
    {
        var customer = await fixture.RegisterCustomerAsync(body: new
        {
            externalId = CustomersServiceFixture.NewExternalId(),
            name = "Same Again",
            country = "FR",
            householdSize = 2,
            attributes = new { pets = 2, tier = "gold" },
        });
        var before = await fixture.CountRecordsAsync();

        var response = await PatchAsync(customer.Id, patch, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var answered = (await response.Content.ReadFromJsonAsync<Customer>())!;
        Assert.Equal(1, answered.Version);
        Assert.Equal("Same Again", answered.Name);
        Assert.Equal(customer.UpdatedAt, answered.UpdatedAt);
        Assert.Equal(before, await fixture.CountRecordsAsync());
        await AssertUnchangedAsync(customer);
        var read = await fixture.Client.GetAsync($"/api/customers/{customer.Id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_with_a_stale_etag_is_still_refused_with_412()
    {
        var customer = await fixture.RegisterCustomerAsync("Moved on");
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(customer.Id, """{"name": "Moved on twice"}""", "\"1\"")).StatusCode);

        var stale = await PatchAsync(customer.Id, "{}", "\"1\"");
        var missing = await PatchAsync(customer.Id, "{}", ifMatch: null);

        await CustomersServiceFixture.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        await CustomersServiceFixture.AssertProblemAsync(missing, HttpStatusCode.PreconditionRequired);
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{customer.Id}"))!;
        Assert.Equal(2, read.Version);
        Assert.Equal(1, await fixture.CountEventsAsync("CustomerProfileUpdated", customer.Id));
    }

    [Theory]
    [InlineData("acquisitionSource=search%00", "acquisitionSource")]
    [InlineData("attribute=tier:gold%00", "attribute")]
    [InlineData("attribute=ti%00er:gold", "attribute")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("attribute=no-colon", "attribute")]
    [InlineData("attribute=:value", "attribute")]
    public async Task Bad_search_parameters_are_a_400_problem_naming_the_parameter(string query, string field)
    {
        var response = await fixture.Client.GetAsync($"/api/customers?{query}");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Search_text_over_200_characters_is_a_400_problem()
    {
        var response = await fixture.Client.GetAsync($"/api/customers?q={new string('q', 201)}");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "q");
    }

    [Fact]
    public async Task A_new_acquisition_source_is_listed_and_can_be_used()
    {
        var code = NewSourceCode();

        var saved = await fixture.Client.PutAsJsonAsync($"/api/customers/acquisition-sources/{code}", new { label = "Podcast" });
        var list = await fixture.Client.GetFromJsonAsync<List<AcquisitionSource>>("/api/customers/acquisition-sources");
        var registered = await fixture.Client.PostAsJsonAsync("/api/customers",
            new { externalId = CustomersServiceFixture.NewExternalId(), name = "Listener", acquisitionSource = code });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains(new AcquisitionSource(code, "Podcast", true), list!);
        Assert.Contains(new AcquisitionSource("search", "Search engine", true), list!);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    [Fact]
    public async Task One_acquisition_source_is_read_by_its_code_and_an_unknown_code_is_a_404_problem()
    {
        var code = NewSourceCode();
        await fixture.Client.PutAsJsonAsync($"/api/customers/acquisition-sources/{code}", new { label = "Radio" });

        var one = await fixture.Client.GetFromJsonAsync<AcquisitionSource>($"/api/customers/acquisition-sources/{code}");
        var unknown = await fixture.Client.GetAsync($"/api/customers/acquisition-sources/{NewSourceCode()}");

        Assert.Equal(new AcquisitionSource(code, "Radio", true), one);
        await CustomersServiceFixture.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retired_acquisition_source_takes_no_new_customers_but_stays_on_old_profiles()
    {
        var code = NewSourceCode();
        await fixture.Client.PutAsJsonAsync($"/api/customers/acquisition-sources/{code}", new { label = "Billboard" });
        var old = await fixture.RegisterCustomerAsync(body: new { externalId = CustomersServiceFixture.NewExternalId(), name = "Early", acquisitionSource = code });

        var retired = await fixture.Client.PutAsJsonAsync($"/api/customers/acquisition-sources/{code}", new { label = "Billboard (retired)", active = false });
        var newcomer = await fixture.Client.PostAsJsonAsync("/api/customers",
            new { externalId = CustomersServiceFixture.NewExternalId(), name = "Late", acquisitionSource = code });
        var oldPatched = await PatchAsync(old.Id, """{"name": "Early, renamed"}""", "\"1\"");
        var list = await fixture.Client.GetFromJsonAsync<List<AcquisitionSource>>("/api/customers/acquisition-sources");

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        await CustomersServiceFixture.AssertValidationProblemAsync(newcomer, "acquisitionSource");
        Assert.Equal(HttpStatusCode.OK, oldPatched.StatusCode);
        Assert.Equal(code, (await oldPatched.Content.ReadFromJsonAsync<Customer>())!.AcquisitionSource);
        Assert.Contains(new AcquisitionSource(code, "Billboard (retired)", false), list!);
    }

    [Theory]
    [InlineData("Bad-Code", """{"label": "Dashes"}""", "code")]
    [InlineData("9lives", """{"label": "Digit first"}""", "code")]
    [InlineData("nolabel", """{"active": true}""", "label")]
    [InlineData("longlabel", """{"label": "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}""", "label")]
    public async Task An_invalid_acquisition_source_is_a_400_problem_and_not_listed(string code, string body, string field)
    {
        var response = await fixture.Client.PutAsync(
            $"/api/customers/acquisition-sources/{code}", new StringContent(body, Encoding.UTF8, "application/json"));

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
        var list = await fixture.Client.GetFromJsonAsync<List<AcquisitionSource>>("/api/customers/acquisition-sources");
        Assert.DoesNotContain(list!, source => source.Code == code);
    }

    private static string NewSourceCode() => $"src{Guid.NewGuid():N}"[..24];

    private async Task<HttpResponseMessage> PatchAsync(Guid id, string patch, string? ifMatch, string contentType = "application/merge-patch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/customers/{id}")
        {
            Content = new StringContent(patch, Encoding.UTF8, contentType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await fixture.Client.SendAsync(request);
    }

    private async Task AssertUnchangedAsync(Customer registered)
    {
        var read = (await fixture.Client.GetFromJsonAsync<Customer>($"/api/customers/{registered.Id}"))!;
        Assert.Equal(registered.Name, read.Name);
        Assert.Equal(registered.Version, read.Version);
        Assert.Equal(registered.UpdatedAt, read.UpdatedAt);
        Assert.Equal(0, await fixture.CountEventsAsync("CustomerProfileUpdated", registered.Id));
    }
}
