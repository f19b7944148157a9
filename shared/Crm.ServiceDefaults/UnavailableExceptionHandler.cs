using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults;

/// <summary>
/// A database that cannot be reached (down, restarting, its connections used up) or a transient failure it reports is
/// not the caller's fault and not a bug: the answer is a <c>503</c> problem with <c>Retry-After</c> instead of a
/// <c>500</c>. It does not claim nothing changed: a connection lost during a commit leaves the outcome unknown, so the
/// detail points to what is safe to repeat (the services' writes are idempotent by key or business id).
/// </summary>
internal sealed partial class UnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Transient(exception) is not { } failure || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(failure, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Title = "The service is temporarily unavailable.",
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = $"Its database could not be reached or asked to retry. Try again in {RetryAfterSeconds} seconds; " +
                    "a write sent again with the same Idempotency-Key or business id is applied at most once.",
            },
            Exception = exception,
        });
    }

    private static DbException? Transient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true } transient)
            {
                return transient;
            }
        }

        return null;
    }

    [LoggerMessage(LogLevel.Warning, "{Method} {Path} answered 503: the database failed transiently.")]
    private partial void LogUnavailable(Exception exception, string method, string path);
}
