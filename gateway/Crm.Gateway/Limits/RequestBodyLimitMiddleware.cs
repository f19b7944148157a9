using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Limits;

/// <summary>
/// Applies the route's body limit. A declared length over it is refused before a byte is read; a chunked body is
/// cut off by Kestrel when it crosses the limit, and the proxy reports that as 413 too.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestBodyLimitOptions> options, ILogger<RequestBodyLimitMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.LimitFor(context.Request.Path);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength is { } length && length > limit)
        {
            logger.RequestBodyTooLarge(context.Request.Path, length, limit);
            return GatewayProblem.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "Request body too large",
                $"The request body has {length} bytes; {context.Request.Path} accepts at most {limit} bytes.");
        }

        return next(context);
    }
}
