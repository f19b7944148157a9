using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Crm.Loyalty.Model.Partners;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

/// <summary>
/// Alliance partners: their earn and burn rates and cost per point, the signing secret their deliveries are checked
/// with (shown when made, never read back), and what each side owes the other for a period.
/// </summary>
public static class PartnersApi
{
    private const int MaxPageSize = 200;
    private const int MaxNameLength = 200;
    private const decimal MaxRate = 10_000m;
    private const int RateDecimals = 4;
    private const decimal MaxCostPerPoint = 1_000m;
    private const int CostDecimals = 6;

    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/loyalty/partners").WithTags("Alliance partners");

        partners.MapPost("/", CreatePartner)
            .WithName(nameof(CreatePartner))
            .WithSummary("Add an alliance partner: its rates, cost per point and currency; the answer holds its signing secret, shown this once");

        partners.MapPut("/{partnerId:guid}", UpdatePartner)
            .WithName(nameof(UpdatePartner))
            .WithSummary("Replace a partner's terms (the currency only until its first transaction); past settlements keep the cost per point they had");

        partners.MapGet("/{partnerId:guid}", GetPartner)
            .WithName(nameof(GetPartner))
            .WithSummary("A partner's terms (never its signing secret)");

        partners.MapGet("/", ListPartners)
            .WithName(nameof(ListPartners))
            .WithSummary("Every partner, active or not, oldest first (keyset: limit, after)");

        partners.MapPost("/{partnerId:guid}/secret", RotatePartnerSecret)
            .WithName(nameof(RotatePartnerSecret))
            .WithSummary("Give a partner a new signing secret, shown this once; the old one stops working at once");

        partners.MapGet("/{partnerId:guid}/settlement", GetPartnerSettlement)
            .WithName(nameof(GetPartnerSettlement))
            .WithSummary("What a partner owes for the points issued at it and is owed for the points paid there, from (inclusive) to (exclusive); last calendar month by default");

        partners.MapGet("/settlements", ListSettlements)
            .WithName(nameof(ListSettlements))
            .WithSummary("Every partner's settlement for a period, from (inclusive) to (exclusive); last calendar month by default");

        return app;
    }

    public static async Task<Results<Created<CreatedPartner>, ValidationProblem, ProblemHttpResult>> CreatePartner(
        PartnerRequest request, PartnerStore store, CancellationToken cancellationToken)
    {
        if (Check(request) is { IsEmpty: false } errors)
        {
            return errors.ToProblem();
        }

        try
        {
            var (partner, secret) = await store.CreateAsync(Define(request), cancellationToken);
            return TypedResults.Created($"/api/loyalty/partners/{partner.Id}", CreatedPartner.Of(partner, secret));
        }
        catch (PartnerNameTakenException taken)
        {
            return NameTaken(taken);
        }
    }

    public static async Task<Results<Ok<Partner>, ValidationProblem, ProblemHttpResult>> UpdatePartner(
        Guid partnerId, PartnerRequest request, PartnerStore store, CancellationToken cancellationToken)
    {
        if (Check(request) is { IsEmpty: false } errors)
        {
            return errors.ToProblem();
        }

        try
        {
            return await store.UpdateAsync(partnerId, Define(request), cancellationToken) is { } partner ? TypedResults.Ok(partner) : Problems.NotFound("Partner", partnerId);
        }
        catch (PartnerNameTakenException taken)
        {
            return NameTaken(taken);
        }
        catch (PartnerCurrencyFixedException fixedCurrency)
        {
            return Problems.Conflict("Currency fixed",
                $"The partner's transactions are in {fixedCurrency.Currency}, so its currency stays {fixedCurrency.Currency}; create another partner for another currency.");
        }
    }

    public static async Task<Results<Ok<Partner>, ProblemHttpResult>> GetPartner(Guid partnerId, PartnerStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(partnerId, cancellationToken) is { } partner ? TypedResults.Ok(partner) : Problems.NotFound("Partner", partnerId);

    public static async Task<Results<Ok<PartnerPage>, ValidationProblem>> ListPartners(
        PartnerStore store, CancellationToken cancellationToken, int limit = 50, Guid? after = null)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return ValidationErrors.Problem("limit", $"must be between 1 and {MaxPageSize}.");
        }

        var partners = await store.PageAsync(after, limit, cancellationToken);
        return TypedResults.Ok(new PartnerPage(partners, partners.Count == limit ? partners[^1].Id : null));
    }

    public static async Task<Results<Ok<PartnerSecret>, ProblemHttpResult>> RotatePartnerSecret(Guid partnerId, PartnerStore store, CancellationToken cancellationToken) =>
        await store.RotateSecretAsync(partnerId, cancellationToken) is { } secret ? TypedResults.Ok(secret) : Problems.NotFound("Partner", partnerId);

    public static async Task<Results<Ok<PartnerSettlement>, ValidationProblem, ProblemHttpResult>> GetPartnerSettlement(
        Guid partnerId, Settlements settlements, TimeProvider clock, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var (period, errors) = Period(from, to, clock);
        if (period is null)
        {
            return errors!.ToProblem();
        }

        return await settlements.ForPartnerAsync(partnerId, period, cancellationToken) is { } settlement
            ? TypedResults.Ok(settlement)
            : Problems.NotFound("Partner", partnerId);
    }

    public static async Task<Results<Ok<SettlementReport>, ValidationProblem>> ListSettlements(
        Settlements settlements, TimeProvider clock, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var (period, errors) = Period(from, to, clock);
        if (period is null)
        {
            return errors!.ToProblem();
        }

        return TypedResults.Ok(new SettlementReport(period.From, period.To, await settlements.AllAsync(period, cancellationToken)));
    }

    // Both bounds or neither: half a period is more likely a mistake than a wish for "since the beginning of time".
    private static (SettlementPeriod? Period, ValidationErrors? Errors) Period(DateTimeOffset? from, DateTimeOffset? to, TimeProvider clock)
    {
        if (from is null && to is null)
        {
            return (SettlementPeriod.LastCalendarMonth(clock.GetUtcNow()), null);
        }

        var errors = new ValidationErrors();
        if (from is null)
        {
            errors.Add("from", "is required with to (or leave both out for last calendar month).");
        }

        if (to is null)
        {
            errors.Add("to", "is required with from (or leave both out for last calendar month).");
        }
        else if (from >= to)
        {
            errors.Add("to", "must be after from.");
        }

        return errors.IsEmpty ? (new SettlementPeriod(from!.Value.ToUniversalTime(), to!.Value.ToUniversalTime()), null) : (null, errors);
    }

    private static ValidationErrors Check(PartnerRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"is required (up to {MaxNameLength} characters).");
        }
        else if (!FreeText.IsPrintableLine(request.Name))
        {
            errors.Add("name", "must be printable characters on one line.");
        }

        CheckRate("earnRate", "points a member earns per currency unit spent at the partner", request.EarnRate, errors);
        CheckRate("burnRate", "points a member pays per currency unit paid with points at the partner", request.BurnRate, errors);
        if (request.CostPerPoint is not { } cost || cost < 0 || cost > MaxCostPerPoint || decimal.Round(cost, CostDecimals) != cost)
        {
            errors.Add("costPerPoint",
                $"is required: what the partner pays per point issued on its behalf, from 0 to {MaxCostPerPoint} with at most {CostDecimals} decimals.");
        }

        if (request.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
        {
            errors.Add("currency", "is required: the partner's ISO 4217 currency code, three letters such as EUR.");
        }

        return errors;
    }

    private static void CheckRate(string field, string what, decimal? rate, ValidationErrors errors)
    {
        if (rate is not { } value || value <= 0 || value > MaxRate || decimal.Round(value, RateDecimals) != value)
        {
            errors.Add(field, $"is required: the {what}, above 0 and up to {MaxRate} with at most {RateDecimals} decimals.");
        }
    }

    /// <summary>The checked request, trimmed, the currency in capitals, with its defaults filled in.</summary>
    private static PartnerDefinition Define(PartnerRequest request) => new(
        request.Name!.Trim(),
        request.EarnRate!.Value,
        request.BurnRate!.Value,
        request.CostPerPoint!.Value,
        request.Currency!.ToUpperInvariant(),
        request.Active ?? true);

    private static ProblemHttpResult NameTaken(PartnerNameTakenException taken) =>
        Problems.Conflict("Partner name taken", $"A partner named '{taken.Name}' already exists; partner names are unique.");
}
