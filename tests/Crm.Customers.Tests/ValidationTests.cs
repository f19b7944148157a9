using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Customers.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Tests;

/// <summary>
/// Every rule of the input checks, over every way in: bad input gets a 400 problem naming the field, and nothing is
/// stored (no profile, transaction, line, interaction, consent or event).
/// </summary>
public sealed class ValidationTests(CustomersServiceFixture fixture) : IClassFixture<CustomersServiceFixture>
{
    private const string Customers = "customers";
    private const string Transactions = "transactions";
    private const string Interactions = "interactions";
    private const string Consent = "consent";

    private static readonly string Long65 = new('x', 65);
    private static readonly string InADay = DateTimeOffset.UtcNow.AddDays(1).ToString("O");

    // Each case: what is posted to, the body (a JSON object to patch a valid body with, or raw text), and the field the
    // problem must name. Raw text is used where the body is not a JSON object at all.
    private static readonly Dictionary<string, (string Target, string Body, string Field)> Cases = new(StringComparer.Ordinal)
    {
        ["customer: truncated JSON"] = (Customers, "raw:{\"externalId\": \"C-1\", \"name\": ", "name"),
        ["customer: not JSON at all"] = (Customers, "raw:externalId=C-1&name=Ada", "$"),
        ["customer: an array instead of an object"] = (Customers, "raw:[1, 2, 3]", "$"),
        ["customer: a number where the name goes"] = (Customers, """{"name": 42}""", "name"),
        ["customer: external id missing"] = (Customers, """{"externalId": null}""", "externalId"),
        ["customer: external id blank"] = (Customers, """{"externalId": "   "}""", "externalId"),
        ["customer: external id over 64 characters"] = (Customers, $$"""{"externalId": "{{Long65}}"}""", "externalId"),
        ["customer: external id with a line break"] = (Customers, """{"externalId": "C-1\nC-2"}""", "externalId"),
        ["customer: name missing"] = (Customers, """{"name": null}""", "name"),
        ["customer: name over 200 characters"] = (Customers, $$"""{"name": "{{new string('n', 201)}}"}""", "name"),
        ["customer: name with a NUL character"] = (Customers, """{"name": "Ada\u0000Lovelace"}""", "name"),
        ["customer: name with a bell character"] = (Customers, """{"name": "Ada\u0007"}""", "name"),
        ["customer: email without @"] = (Customers, """{"email": "not-an-email"}""", "email"),
        ["customer: email without a dot"] = (Customers, """{"email": "ada@localhost"}""", "email"),
        ["customer: email with a display name"] = (Customers, """{"email": "Ada <ada@example.com>"}""", "email"),
        ["customer: email over 254 characters"] = (Customers, $$"""{"email": "{{new string('e', 250)}}@example.com"}""", "email"),
        ["customer: email carrying SQL"] = (Customers, """{"email": "x'; drop table customers; --@example.com"}""", "email"),
        ["customer: email carrying a header injection"] = (Customers, """{"email": "ada@example.com\r\nBcc: all@example.com"}""", "email"),
        ["customer: phone with letters"] = (Customers, """{"phone": "call me maybe"}""", "phone"),
        ["customer: phone too long"] = (Customers, """{"phone": "+1234567890123456789012345678"}""", "phone"),
        ["customer: country in lower case"] = (Customers, """{"country": "de"}""", "country"),
        ["customer: country spelled out"] = (Customers, """{"country": "Germany"}""", "country"),
        ["customer: country code not assigned"] = (Customers, """{"country": "XX"}""", "country"),
        ["customer: address country code only reserved"] = (Customers, """{"postalAddress": {"country": "UK"}}""", "postalAddress.country"),
        ["customer: external id in the form erasure gives"] = (Customers, """{"externalId": "erased-0199a1b2-0000-7000-8000-000000000000"}""", "externalId"),
        ["customer: region over 100 characters"] = (Customers, $$"""{"region": "{{new string('r', 101)}}"}""", "region"),
        ["customer: acquisition note over 500 characters"] = (Customers, $$"""{"acquisitionNote": "{{new string('a', 501)}}"}""", "acquisitionNote"),
        ["customer: acquisition source not on the list"] = (Customers, """{"acquisitionSource": "carrierPigeon"}""", "acquisitionSource"),
        ["customer: acquisition source carrying SQL"] = (Customers, """{"acquisitionSource": "search' or '1'='1"}""", "acquisitionSource"),
        ["customer: birth date in the future"] = (Customers, $$"""{"birthDate": "{{DateTime.UtcNow.AddDays(2):yyyy-MM-dd}}"}""", "birthDate"),
        ["customer: birth date before 1900"] = (Customers, """{"birthDate": "1899-12-31"}""", "birthDate"),
        ["customer: birth date not a date"] = (Customers, """{"birthDate": "yesterday"}""", "birthDate"),
        ["customer: household of nobody"] = (Customers, """{"householdSize": 0}""", "householdSize"),
        ["customer: household of 51"] = (Customers, """{"householdSize": 51}""", "householdSize"),
        ["customer: customer since in the future"] = (Customers, $$"""{"customerSince": "{{DateTime.UtcNow.AddDays(2):yyyy-MM-dd}}"}""", "customerSince"),
        ["customer: address city over 100 characters"] = (Customers, $$$"""{"postalAddress": {"line1": "1 Main St", "city": "{{{new string('c', 101)}}}"}}""", "postalAddress.city"),
        ["customer: address line with a tab"] = (Customers, """{"postalAddress": {"line1": "1\tMain St"}}""", "postalAddress.line1"),
        ["customer: address postal code over 20 characters"] = (Customers, """{"postalAddress": {"postalCode": "123456789012345678901"}}""", "postalAddress.postalCode"),
        ["customer: address country not a code"] = (Customers, """{"postalAddress": {"country": "France"}}""", "postalAddress.country"),
        ["customer: name with a lone surrogate"] = (Customers, """raw:{"externalId": "C-surrogate-1", "name": "Ada\udc00"}""", "name"),
        ["customer: attributes with a lone surrogate"] = (Customers, """raw:{"externalId": "C-surrogate-2", "name": "Ada", "attributes": {"tier": "gold\ud800"}}""", "attributes"),
        ["customer: attributes with a NUL in a key"] = (Customers, """{"attributes": {"ti\u0000er": "gold"}}""", "attributes"),
        ["customer: attributes with a NUL deep inside"] = (Customers, """{"attributes": {"tags": [{"name": "a\u0000"}]}}""", "attributes"),
        ["customer: attributes an array"] = (Customers, """{"attributes": [1, 2]}""", "attributes"),
        ["customer: attributes a string"] = (Customers, """{"attributes": "tier=gold"}""", "attributes"),
        ["customer: attributes over 8 KB"] = (Customers, $$$"""{"attributes": {"notes": "{{{new string('z', 8200)}}}"}}""", "attributes"),
        ["customer: attributes with a NUL character"] = (Customers, """{"attributes": {"tier": "gold\u0000"}}""", "attributes"),

        ["transaction: truncated JSON"] = (Transactions, "raw:{\"transactionId\": \"T-1\", \"lines\": [", "lines[0]"),
        ["transaction: quantity as text"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": "two", "unitPrice": 1}]}""", "lines[0].quantity"),
        ["transaction: id missing"] = (Transactions, """{"transactionId": null}""", "transactionId"),
        ["transaction: id over 64 characters"] = (Transactions, $$"""{"transactionId": "{{Long65}}"}""", "transactionId"),
        ["transaction: id with control characters"] = (Transactions, """{"transactionId": "T-\u0001"}""", "transactionId"),
        ["transaction: negative quantity"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": -1, "unitPrice": 10}]}""", "lines[0].quantity"),
        ["transaction: zero quantity"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 0, "unitPrice": 10}]}""", "lines[0].quantity"),
        ["transaction: quantity with four decimals"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1.0005, "unitPrice": 10}]}""", "lines[0].quantity"),
        ["transaction: quantity over a million"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1000001, "unitPrice": 1}]}""", "lines[0].quantity"),
        ["transaction: negative unit price"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": -10}]}""", "lines[0].unitPrice"),
        ["transaction: unit price with five decimals"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": 1.00001}]}""", "lines[0].unitPrice"),
        ["transaction: unit price over a billion"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": 1000000001}]}""", "lines[0].unitPrice"),
        ["transaction: negative discount"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": 10, "discount": -1}]}""", "lines[0].discount"),
        ["transaction: discount over the line amount"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 2, "unitPrice": 10, "discount": 15, "allowance": 6}]}""", "lines[0].discount"),
        ["transaction: negative allowance"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": 10, "allowance": -0.01}]}""", "lines[0].allowance"),
        ["transaction: negative unit cost"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": 10, "unitCost": -3}]}""", "lines[0].unitCost"),
        ["transaction: sku missing"] = (Transactions, """{"lines": [{"category": "C", "quantity": 1, "unitPrice": 10}]}""", "lines[0].sku"),
        ["transaction: sku over 64 characters"] = (Transactions, $$"""{"lines": [{"sku": "{{Long65}}", "category": "C", "quantity": 1, "unitPrice": 10}]}""", "lines[0].sku"),
        ["transaction: category with a line break"] = (Transactions, """{"lines": [{"sku": "S", "category": "C\n", "quantity": 1, "unitPrice": 10}]}""", "lines[0].category"),
        ["transaction: a null line"] = (Transactions, """{"lines": [null]}""", "lines[0]"),
        ["transaction: bad second line"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1, "unitPrice": 10}, {"sku": "S", "category": "C", "quantity": -2, "unitPrice": 10}]}""", "lines[1].quantity"),
        ["transaction: a line amount too large to store"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1000000, "unitPrice": 1000000000}]}""", "lines[0].unitPrice"),
        ["transaction: a line cost too large to store"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1000000, "unitPrice": 1, "unitCost": 1000000000}]}""", "lines[0].unitCost"),
        ["transaction: amounts whose product overflows"] = (Transactions, """{"lines": [{"sku": "S", "category": "C", "quantity": 1e20, "unitPrice": 1e20}]}""", "lines[0].quantity"),
        ["transaction: sku with a lone surrogate"] = (Transactions, """
            raw:{"transactionId": "T-surrogate-1", "occurredAt": "2024-01-01T00:00:00Z", "channel": "web", "currency": "EUR",
                 "lines": [{"sku": "S\ud800", "category": "C", "quantity": 1, "unitPrice": 1}]}
            """, "lines[0].sku"),
        ["transaction: no lines"] = (Transactions, """{"lines": []}""", "lines"),
        ["transaction: lines missing"] = (Transactions, """{"lines": null}""", "lines"),
        ["transaction: more than 500 lines"] = (Transactions, ManyLines(501), "lines"),
        ["transaction: unknown currency"] = (Transactions, """{"currency": "XYZ"}""", "currency"),
        ["transaction: currency in lower case"] = (Transactions, """{"currency": "eur"}""", "currency"),
        ["transaction: currency missing"] = (Transactions, """{"currency": null}""", "currency"),
        ["transaction: currency carrying SQL"] = (Transactions, """{"currency": "EUR'); delete from transactions; --"}""", "currency"),
        ["transaction: a day in the future"] = (Transactions, $$"""{"occurredAt": "{{InADay}}"}""", "occurredAt"),
        ["transaction: before 1970"] = (Transactions, """{"occurredAt": "1969-12-31T23:59:59Z"}""", "occurredAt"),
        ["transaction: time missing"] = (Transactions, """{"occurredAt": null}""", "occurredAt"),
        ["transaction: time not a time"] = (Transactions, """{"occurredAt": "last Tuesday"}""", "occurredAt"),
        ["transaction: unknown channel"] = (Transactions, """{"channel": "telepathy"}""", "channel"),
        ["transaction: unknown kind"] = (Transactions, """{"kind": "gift"}""", "kind"),
        ["transaction: return without the original"] = (Transactions, """{"kind": "return"}""", "originalTransactionId"),
        ["transaction: sale naming an original"] = (Transactions, """{"originalTransactionId": "T-0"}""", "originalTransactionId"),
        ["transaction: return of an unknown sale"] = (Transactions, """{"kind": "return", "originalTransactionId": "T-does-not-exist"}""", "originalTransactionId"),

        ["interaction: truncated JSON"] = (Interactions, "raw:{\"interactionId\": ", "interactionId"),
        ["interaction: id missing"] = (Interactions, """{"interactionId": null}""", "interactionId"),
        ["interaction: id over 64 characters"] = (Interactions, $$"""{"interactionId": "{{Long65}}"}""", "interactionId"),
        ["interaction: unknown channel"] = (Interactions, """{"channel": "carrierPigeon"}""", "channel"),
        ["interaction: unknown type"] = (Interactions, """{"type": "séance"}""", "type"),
        ["interaction: a day in the future"] = (Interactions, $$"""{"occurredAt": "{{InADay}}"}""", "occurredAt"),
        ["interaction: negative cost to serve"] = (Interactions, """{"costToServe": -1.5, "currency": "EUR"}""", "costToServe"),
        ["interaction: cost to serve without a currency"] = (Interactions, """{"costToServe": 1.5, "currency": null}""", "currency"),
        ["interaction: unknown currency"] = (Interactions, """{"costToServe": 1.5, "currency": "ABC"}""", "currency"),
        ["interaction: cost to serve with five decimals"] = (Interactions, """{"costToServe": 0.00001, "currency": "EUR"}""", "costToServe"),

        ["consent: truncated JSON"] = (Consent, "raw:{\"granted\": tr", "granted"),
        ["consent: granted missing"] = (Consent, """{"granted": null}""", "granted"),
        ["consent: granted as text"] = (Consent, """{"granted": "yes"}""", "granted"),
        ["consent: unknown basis"] = (Consent, """{"basis": "vibes"}""", "basis"),
        ["consent: basis missing"] = (Consent, """{"basis": null}""", "basis"),
        ["consent: source missing"] = (Consent, """{"source": ""}""", "source"),
        ["consent: source over 100 characters"] = (Consent, $$"""{"source": "{{new string('s', 101)}}"}""", "source"),
        ["consent: source with control characters"] = (Consent, """{"source": "web\u001b[31m"}""", "source"),
        ["consent: changed a day in the future"] = (Consent, $$"""{"changedAt": "{{InADay}}"}""", "changedAt"),
        ["consent: unknown channel"] = (Consent, "path:carrierPigeon/marketing", "channel"),
        ["consent: unknown purpose"] = (Consent, "path:email/blackmail", "purpose"),
        ["consent: channel carrying SQL"] = (Consent, "path:email' or '1'='1/marketing", "channel"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_gets_a_400_problem_naming_the_field_and_stores_nothing(string caseName)
    {
        var (target, body, field) = Cases[caseName];
        var customer = await fixture.RegisterCustomerAsync();
        var before = await fixture.CountRecordsAsync();

        var response = await SendAsync(customer.Id, target, body);

        await CustomersServiceFixture.AssertValidationProblemAsync(response, field);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task The_valid_bodies_the_cases_start_from_are_accepted()
    {
        var customer = await fixture.RegisterCustomerAsync();

        foreach (var target in new[] { Customers, Transactions, Interactions, Consent })
        {
            var response = await SendAsync(customer.Id, target, "{}");
            Assert.True(response.IsSuccessStatusCode, $"{target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_transaction_just_past_the_future_tolerance_is_a_400_problem_and_one_just_inside_is_accepted()
    {
        // The service checks against its own clock, so the margins are two minutes either side of the configured tolerance.
        var tolerance = fixture.Service.Services.GetRequiredService<IOptions<CustomersOptions>>().Value.FutureTolerance;
        var customer = await fixture.RegisterCustomerAsync();
        var before = await fixture.CountRecordsAsync();

        var tooLate = await SendAsync(customer.Id, Transactions,
            $$"""{"occurredAt": "{{DateTimeOffset.UtcNow.Add(tolerance).AddMinutes(2):O}}"}""");

        await CustomersServiceFixture.AssertValidationProblemAsync(tooLate, "occurredAt");
        Assert.Equal(before, await fixture.CountRecordsAsync());

        var justInside = DateTimeOffset.UtcNow.Add(tolerance).AddMinutes(-2);
        var accepted = await SendAsync(customer.Id, Transactions, $$"""{"occurredAt": "{{justInside:O}}"}""");

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var recorded = await fixture.ScalarAsync<long>(
            "select count(*) from transactions where customer_id = @CustomerId", new { CustomerId = customer.Id });
        Assert.Equal(1, recorded);
    }

    [Fact]
    public async Task An_empty_body_gets_a_400_problem_and_stores_nothing()
    {
        var before = await fixture.CountRecordsAsync();

        var response = await fixture.Client.PostAsync("/api/customers", new StringContent("", Encoding.UTF8, "application/json"));

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_415_problem_and_stores_nothing()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var before = await fixture.CountRecordsAsync();

        var response = await fixture.Client.PostAsync(
            $"/api/customers/{customer.Id}/transactions", new StringContent(ValidBody(Transactions).ToJsonString(), Encoding.UTF8, "text/plain"));

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await fixture.CountRecordsAsync());
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_gets_a_400_problem()
    {
        var response = await fixture.Client.GetAsync("/api/customers?limit=many");

        await CustomersServiceFixture.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_problem_does_not_echo_a_huge_value_back()
    {
        var customer = await fixture.RegisterCustomerAsync();
        var hugeCurrency = new string('Q', 100_000);

        var response = await SendAsync(customer.Id, Transactions, $$"""{"currency": "{{hugeCurrency}}"}""");

        await CustomersServiceFixture.AssertValidationProblemAsync(response, "currency");
        Assert.True((await response.Content.ReadAsStringAsync()).Length < 2_000);
    }

    private async Task<HttpResponseMessage> SendAsync(Guid customerId, string target, string body)
    {
        var path = target switch
        {
            Customers => "/api/customers",
            Transactions => $"/api/customers/{customerId}/transactions",
            Interactions => $"/api/customers/{customerId}/interactions",
            _ => $"/api/customers/{customerId}/consents/email/marketing",
        };
        string content;
        if (body.StartsWith("raw:", StringComparison.Ordinal))
        {
            content = body["raw:".Length..];
        }
        else if (body.StartsWith("path:", StringComparison.Ordinal))
        {
            path = $"/api/customers/{customerId}/consents/{Uri.EscapeDataString(body["path:".Length..]).Replace("%2F", "/", StringComparison.Ordinal)}";
            content = ValidBody(target).ToJsonString();
        }
        else
        {
            var valid = ValidBody(target);
            foreach (var (name, value) in JsonNode.Parse(body)!.AsObject())
            {
                valid[name] = value?.DeepClone();
            }

            content = valid.ToJsonString();
        }

        var request = new HttpRequestMessage(target == Consent ? HttpMethod.Put : HttpMethod.Post, path)
        {
            Content = new StringContent(content, Encoding.UTF8, "application/json"),
        };
        return await fixture.Client.SendAsync(request);
    }

    private static JsonObject ValidBody(string target) => target switch
    {
        Customers => new JsonObject
        {
            ["externalId"] = CustomersServiceFixture.NewExternalId(),
            ["name"] = "Valid Name",
            ["email"] = "valid@example.com",
        },
        Transactions => new JsonObject
        {
            ["transactionId"] = CustomersServiceFixture.NewExternalId("T"),
            ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
            ["channel"] = "store",
            ["currency"] = "EUR",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "SKU-1", ["category"] = "books", ["quantity"] = 1, ["unitPrice"] = 10 }),
        },
        Interactions => new JsonObject
        {
            ["interactionId"] = CustomersServiceFixture.NewExternalId("I"),
            ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
            ["channel"] = "web",
            ["type"] = "pageView",
        },
        _ => new JsonObject { ["granted"] = true, ["basis"] = "consent", ["source"] = "preference-centre" },
    };

    private static string ManyLines(int count) => JsonSerializer.Serialize(new
    {
        lines = Enumerable.Range(0, count).Select(i => new { sku = $"S{i}", category = "C", quantity = 1, unitPrice = 1 }),
    });
}
