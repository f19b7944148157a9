using Crm.Customers.Data;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Apis;

/// <summary>A customer's sales and returns, posted one at a time (bulk history goes through imports).</summary>
public static class TransactionsApi
{
    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var transactions = app.MapGroup("/api/customers/{id:guid}/transactions").WithTags("Transactions");

        transactions.MapPost("/", PostTransaction)
            .WithName(nameof(PostTransaction))
            .WithSummary("Record a sale or return; posting the same transaction id again returns the first result and records nothing");

        transactions.MapGet("/", ListTransactions)
            .WithName(nameof(ListTransactions))
            .WithSummary("The customer's transactions, newest first (keyset pagination)");

        transactions.MapGet("/{transactionId:guid}", GetTransaction)
            .WithName(nameof(GetTransaction))
            .WithSummary("One transaction with its lines");

        transactions.MapPost("/{transactionId:guid}/reversal", ReverseTransaction)
            .WithName(nameof(ReverseTransaction))
            .WithSummary("Cancel a transaction entered in error (idempotent)");

        return app;
    }

    public static async Task<Results<Created<Transaction>, ValidationProblem, ProblemHttpResult>> PostTransaction(
        Guid id, PostTransaction request, TransactionStore store, TimeProvider clock, IOptions<CustomersOptions> options,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = TransactionRules.Validate(request, clock.GetUtcNow(), options.Value.FutureTolerance);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, transaction, refusal) = await store.PostAsync(id, request, cancellationToken);
        switch (outcome)
        {
            case PostingOutcome.Replayed:
                Problems.MarkReplayed(response);
                return TypedResults.Created(Location(transaction!), transaction);
            case PostingOutcome.Created:
                return TypedResults.Created(Location(transaction!), transaction);
            case PostingOutcome.CustomerErased:
                return Problems.CustomerErased(id);
            case PostingOutcome.OriginalNotFound:
                return Problems.Invalid("originalTransactionId",
                    $"'{FieldRules.Shorten(request.OriginalTransactionId!)}' is not a sale of this customer that can be returned.");
            case PostingOutcome.ReturnRefused:
                return Problems.Invalid(refusal!.Value.Field, refusal.Value.Message);
            case PostingOutcome.IdTaken:
                return Problems.IdTaken("Transaction", request.TransactionId!);
            default:
                return Problems.CustomerNotFound(id);
        }
    }

    public static async Task<Results<Ok<Page<Transaction>>, ValidationProblem, ProblemHttpResult>> ListTransactions(
        Guid id, [FromQuery] int? limit, [FromQuery] Guid? after, TransactionQueries queries, CustomerStore customers,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Page.CheckLimit(errors, limit);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var page = await queries.ListAsync(id, limit ?? Page.DefaultSize, after, cancellationToken);

        // Only an empty page can hide an unknown customer, so a customer with transactions costs no extra lookup.
        if (page.Items.Count == 0 && await customers.FindAsync(id, cancellationToken) is null)
        {
            return Problems.CustomerNotFound(id);
        }

        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<Transaction>, ProblemHttpResult>> GetTransaction(
        Guid id, Guid transactionId, TransactionQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, transactionId, cancellationToken) is { } transaction
            ? TypedResults.Ok(transaction)
            : TransactionNotFound(transactionId);

    public static async Task<Results<Ok<Transaction>, ValidationProblem, ProblemHttpResult>> ReverseTransaction(
        Guid id, Guid transactionId, ReverseTransaction request, TransactionReversals reversals, TransactionQueries queries,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        FieldRules.Required(errors, "reason", request.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await reversals.ReverseAsync(id, transactionId, request.Reason!, cancellationToken);
        return outcome switch
        {
            TransactionReversals.Outcome.NotFound => TransactionNotFound(transactionId),
            TransactionReversals.Outcome.HasReturns => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Transaction has returns",
                detail: "Reverse the returns of this sale first; a sale cannot be cancelled while returns still refer to it."),
            _ => TypedResults.Ok((await queries.FindAsync(id, transactionId, cancellationToken))!),
        };
    }

    private static string Location(Transaction transaction) => $"/api/customers/{transaction.CustomerId}/transactions/{transaction.Id}";

    private static ProblemHttpResult TransactionNotFound(Guid transactionId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Transaction not found", detail: $"This customer has no transaction {transactionId}.");
}
