using System.Diagnostics;

namespace Crm.Gateway.Correlation;

/// <summary>Accepts or creates the correlation id, forwards it to the service and echoes it to the client.</summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName];
        var id = CorrelationId.IsValid(incoming) ? incoming.ToString() : CorrelationId.New();
        if (incoming.Count > 0 && incoming != id)
        {
            logger.CorrelationIdReplaced(id);
        }

        // YARP copies request headers, so rewriting the incoming one is what forwards it.
        context.Request.Headers[CorrelationId.HeaderName] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("crm.correlation_id", id);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
