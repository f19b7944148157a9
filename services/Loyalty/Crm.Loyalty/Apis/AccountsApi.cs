using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Loyalty.Apis;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/loyalty/accounts").WithTags("Points accounts");

        accounts.MapGet("/{customerId:guid}", GetAccount)
            .WithName(nameof(GetAccount))
            .WithSummary("Get a customer's points account");

        return app;
    }

    public static async Task<Results<Ok<PointsAccount>, NotFound>> GetAccount(Guid customerId, PointsAccountStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(customerId, cancellationToken) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound();
}
