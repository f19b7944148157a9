using System.Text;
using System.Text.Json;
using Crm.Loyalty.Data;
using Crm.Loyalty.Model;
using Crm.Loyalty.Model.Partners;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Crm.Loyalty.Apis;

/// <summary>
/// The inbound webhook partners post their transactions to, signed the Standard Webhooks way: <c>webhook-id</c> (the
/// partner's transaction id, the idempotency key), <c>webhook-timestamp</c> (unix seconds, within five minutes of our
/// clock) and <c>webhook-signature</c> (<c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{raw body}</c> under the
/// partner's secret). The signature covers the bytes as sent, so they are read raw and parsed only once it holds.
/// </summary>
public static partial class PartnerWebhookApi
{
    private const string IdHeader = "webhook-id";
    private const string TimestampHeader = "webhook-timestamp";
    private const string SignatureHeader = "webhook-signature";
    private const int MaxIdLength = 200;
    private const int MaxBodyBytes = 16 * 1024;
    private const decimal MaxAmount = 1_000_000_000m;
    private const int AmountDecimals = 4;

    public static IEndpointRouteBuilder MapPartnerWebhookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/loyalty/partners/{partnerId:guid}/transactions", ReceivePartnerTransaction)
            .WithTags("Alliance partners")
            .WithName(nameof(ReceivePartnerTransaction))
            .WithSummary("A partner's signed transaction (Standard Webhooks headers): a member earns or pays with points there, once per webhook-id")
            .Accepts<PartnerTransactionRequest>("application/json");

        return app;
    }

    public static async Task<Results<Ok<PartnerTransactionReceipt>, ValidationProblem, ProblemHttpResult>> ReceivePartnerTransaction(
        Guid partnerId,
        HttpRequest request,
        PartnerStore partners,
        PartnerTransactions transactions,
        IOptions<LoyaltyOptions> options,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (await partners.FindSigningAsync(partnerId, cancellationToken) is not { } partner)
        {
            return Problems.NotFound("Partner", partnerId);
        }

        var logger = loggers.CreateLogger(typeof(PartnerWebhookApi).FullName!);
        var (id, timestampText, signatures) = (Single(request, IdHeader), Single(request, TimestampHeader), string.Join(' ', request.Headers[SignatureHeader].ToArray()));
        if (CheckHeaders(id, timestampText, signatures) is { IsEmpty: false } missing)
        {
            return missing.ToProblem();
        }

        var now = clock.GetUtcNow();
        switch (WebhookTimestamp.Check(timestampText!, now, out var timestamp))
        {
            case TimestampVerdict.Malformed:
                return ValidationErrors.Problem(TimestampHeader, "must be the time of sending in unix seconds.");
            case TimestampVerdict.TooOld:
                LogRefused(logger, partnerId, "timestamp too old");
                return Unauthorized("Timestamp too old",
                    $"The {TimestampHeader} header is more than {WebhookTimestamp.Tolerance.TotalMinutes} minutes in the past: sign every delivery, retries included, as it is sent.");
            case TimestampVerdict.TooFarAhead:
                LogRefused(logger, partnerId, "timestamp in the future");
                return Unauthorized("Timestamp in the future",
                    $"The {TimestampHeader} header is more than {WebhookTimestamp.Tolerance.TotalMinutes} minutes ahead of our clock: check the sender's clock.");
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
                detail: $"A transaction's body may be at most {MaxBodyBytes} bytes.");
        }

        if (!WebhookSignature.Matches(partner.SigningKey, id!, timestamp, body, signatures))
        {
            LogRefused(logger, partnerId, "signature does not match");
            return Unauthorized("Signature does not match", "No signature in the webhook-signature header matches this delivery.");
        }

        PartnerTransactionRequest? posted;
        try
        {
            posted = JsonSerializer.Deserialize<PartnerTransactionRequest>(WithoutByteOrderMark(body), LoyaltyJson.Options);
        }
        catch (JsonException json)
        {
            return ValidationErrors.Problem(Field(json.Path), "is not valid JSON, or not a value of the expected type.");
        }

        if (Check(posted, partner, now, options.Value.PointsLifetime) is { IsEmpty: false } errors)
        {
            return errors.ToProblem();
        }

        var transaction = new PartnerTransaction(posted!.CustomerId!.Value, posted.Kind!, posted.Amount!.Value, posted.OccurredAt!.Value);
        var outcome = await transactions.PostAsync(partner, id!, transaction, cancellationToken);
        return outcome.Result switch
        {
            PartnerTransactionResult.Done or PartnerTransactionResult.Replayed => TypedResults.Ok(new PartnerTransactionReceipt(
                id!, transaction.CustomerId, transaction.Kind, outcome.Points, outcome.Available, outcome.Result == PartnerTransactionResult.Replayed)),
            PartnerTransactionResult.IdReused => Problems.Conflict("Transaction id already used",
                $"This partner already posted transaction '{id}' with different content; nothing was changed."),
            PartnerTransactionResult.NoAccount => Problems.NotFound("Member", transaction.CustomerId),
            _ => Problems.Refused("Not enough points",
                $"Paying {transaction.Amount} with points takes {outcome.Points} points and the member has {outcome.Available} available; nothing was changed."),
        };
    }

    // One id and one timestamp per delivery; two of either is as good as none.
    private static string? Single(HttpRequest request, string header) =>
        request.Headers[header] is { Count: 1 } values && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static ValidationErrors CheckHeaders(string? id, string? timestamp, string signatures)
    {
        var errors = new ValidationErrors();
        if (id is null || id.Length > MaxIdLength)
        {
            errors.Add(IdHeader, $"The header is required, once (up to {MaxIdLength} characters): the partner's id of the transaction, the same on every retry.");
        }

        if (timestamp is null)
        {
            errors.Add(TimestampHeader, "The header is required, once: the time of sending in unix seconds.");
        }

        if (string.IsNullOrWhiteSpace(signatures))
        {
            errors.Add(SignatureHeader, "The header is required: v1, and the base64 HMAC-SHA256 of {webhook-id}.{webhook-timestamp}.{body} under the partner's secret.");
        }

        return errors;
    }

    private static ValidationErrors Check(PartnerTransactionRequest? posted, SigningPartner partner, DateTimeOffset now, TimeSpan pointsLifetime)
    {
        var errors = new ValidationErrors();
        if (posted is null)
        {
            errors.Add("$", "is required: the transaction as a JSON object.");
            return errors;
        }

        if (posted.CustomerId is not { } customerId || customerId == Guid.Empty)
        {
            errors.Add("customerId", "is required: the member who earned or paid with points.");
        }

        if (posted.Kind is not (PartnerTransactionKinds.Earn or PartnerTransactionKinds.Burn))
        {
            errors.Add("kind", "is required: earn (the member spent the amount at the partner) or burn (the member paid the amount with points).");
        }

        if (posted.Amount is not { } amount || amount <= 0 || amount > MaxAmount || decimal.Round(amount, AmountDecimals) != amount)
        {
            errors.Add("amount", $"is required: above 0 and up to {MaxAmount} in the partner's currency, with at most {AmountDecimals} decimals.");
        }
        else if (Points(partner, posted.Kind, amount) is > PointsLimit.PerMovement and var points)
        {
            // The largest amount at the highest rate would be ten trillion points; the bound is on the points.
            errors.Add("amount", $"comes to {points} points at this partner's {posted.Kind} rate: one transaction moves at most {PointsLimit.PerMovement}.");
        }

        // Older than the points' lifetime, an earn would be expired on arrival.
        if (posted.OccurredAt is not { } occurredAt || occurredAt > now + WebhookTimestamp.Tolerance || occurredAt <= now - pointsLifetime)
        {
            errors.Add("occurredAt", $"is required: when the transaction happened, not in the future and within the last {pointsLifetime.TotalDays} days.");
        }

        return errors;
    }

    private static long Points(SigningPartner partner, string? kind, decimal amount) => kind switch
    {
        PartnerTransactionKinds.Earn => PartnerPoints.Earned(amount, partner.EarnRate),
        PartnerTransactionKinds.Burn => PartnerPoints.Burned(amount, partner.BurnRate),
        _ => 0,
    };

    // Up to the limit and no further: a partner's transaction is a few hundred bytes, and an unbounded read is a way in.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    // Some senders write UTF-8 with a byte order mark, which the JSON reader refuses; it is signed like the rest.
    private static ReadOnlySpan<byte> WithoutByteOrderMark(byte[] body) =>
        body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? body.AsSpan(Encoding.UTF8.Preamble.Length) : body;

    // "$.amount" → "amount", the way the API names fields; "$" is the body as a whole.
    private static string Field(string? path) => path switch
    {
        null or "" or "$" => "$",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path,
    };

    private static ProblemHttpResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);

    [LoggerMessage(LogLevel.Warning, "Refused a delivery for partner {PartnerId}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, Guid partnerId, string reason);
}
