using Crm.Profitability.Data;
using Crm.Profitability.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Crm.Profitability.Apis;

/// <summary>Customer P&amp;Ls for any period, the unprofitable customers, roll-ups and the value of each channel.</summary>
public static class ProfitAndLossApi
{
    public const int MaxRankedCustomers = 1_000;

    public static IEndpointRouteBuilder MapProfitAndLossApi(this IEndpointRouteBuilder app)
    {
        var profitability = app.MapGroup("/api/profitability").WithTags("Profit and loss");

        profitability.MapGet("/customers/{customerId:guid}/pnl", GetCustomerPnl)
            .WithName(nameof(GetCustomerPnl))
            .WithSummary("A customer's P&L for a period (from, to; default: from the beginning until now)");

        profitability.MapGet("/pnl/unprofitable", ListUnprofitableCustomers)
            .WithName(nameof(ListUnprofitableCustomers))
            .WithSummary("Customers who lost money in the period, biggest loss first, with the cost line that weighs most");

        profitability.MapGet("/pnl/by-acquisition-source", GetPnlByAcquisitionSource)
            .WithName(nameof(GetPnlByAcquisitionSource))
            .WithSummary("The P&L rolled up by where customers came from");

        profitability.MapGet("/pnl/by-segment", GetPnlBySegment)
            .WithName(nameof(GetPnlBySegment))
            .WithSummary("The P&L of each segment's current members (a customer in several segments counts in each)");

        profitability.MapGet("/channels", GetChannelValue)
            .WithName(nameof(GetChannelValue))
            .WithSummary("Revenue, cost, profit, share of customers and repeat rate per channel");

        return app;
    }

    public static Task<Results<Ok<CustomerProfitAndLoss>, ValidationProblem>> GetCustomerPnl(
        Guid customerId, DateTimeOffset? from, DateTimeOffset? to, PnlQueries queries, IOptions<ProfitabilityOptions> options,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ForPeriodAsync(from, to, options, clock, period => queries.ForCustomerAsync(customerId, period, cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<UnprofitableCustomer>>, ValidationProblem>> ListUnprofitableCustomers(
        DateTimeOffset? from, DateTimeOffset? to, int? limit, PnlQueries queries, IOptions<ProfitabilityOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MaxRankedCustomers)
        {
            errors.Add("limit", $"must be between 1 and {MaxRankedCustomers}.");
        }

        if (PeriodQuery.Parse(from, to, options.Value.ReportingCurrency, clock, errors) is not { } period || !errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await queries.UnprofitableAsync(period, limit ?? 50, cancellationToken));
    }

    public static Task<Results<Ok<IReadOnlyList<ProfitRollup>>, ValidationProblem>> GetPnlByAcquisitionSource(
        DateTimeOffset? from, DateTimeOffset? to, PnlQueries queries, IOptions<ProfitabilityOptions> options,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ForPeriodAsync(from, to, options, clock, period => queries.ByAcquisitionSourceAsync(period, cancellationToken));

    public static Task<Results<Ok<IReadOnlyList<SegmentProfitRollup>>, ValidationProblem>> GetPnlBySegment(
        DateTimeOffset? from, DateTimeOffset? to, PnlQueries queries, IOptions<ProfitabilityOptions> options,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ForPeriodAsync(from, to, options, clock, period => queries.BySegmentAsync(period, cancellationToken));

    public static Task<Results<Ok<IReadOnlyList<ChannelValue>>, ValidationProblem>> GetChannelValue(
        DateTimeOffset? from, DateTimeOffset? to, ChannelValueQuery query, IOptions<ProfitabilityOptions> options,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ForPeriodAsync(from, to, options, clock, period => query.ReadAsync(period, cancellationToken));

    private static async Task<Results<Ok<T>, ValidationProblem>> ForPeriodAsync<T>(
        DateTimeOffset? from, DateTimeOffset? to, IOptions<ProfitabilityOptions> options, TimeProvider clock, Func<PnlPeriod, Task<T>> read)
    {
        var errors = new ValidationErrors();
        if (PeriodQuery.Parse(from, to, options.Value.ReportingCurrency, clock, errors) is not { } period)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await read(period));
    }
}
