using System.Diagnostics;

namespace Crm.Gateway.Correlation;

/// <summary>Accepts or creates the correlation id, forwards it to the service and echoes it to the client.</summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    // Static, so registering it allocates no closure per request; the id is read back from the request header.
    private static readonly Func<object, Task> EchoToClient = state =>
    {
        var context = (HttpContext)state;
        context.Response.Headers[CorrelationId.HeaderName] = context.Request.Headers[CorrelationId.HeaderName];
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName];
        var id = CorrelationId.IsValid(incoming) ? incoming.ToString() : CorrelationId.New();
        if (incoming.Count > 0 && incoming != id)
        {
            logger.CorrelationIdReplaced(id);
        }

        // YARP copies request headers, so rewriting the incoming one is what forwards it.
        context.Request.Headers[CorrelationId.HeaderName] = id;
        context.Response.OnStarting(EchoToClient, context);
        // Only a recorded span keeps tags; most requests are not sampled and would allocate them for nothing.
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("crm.correlation_id", id);
        }

        return InvokeInScopeAsync(context, id);
    }

    private async Task InvokeInScopeAsync(HttpContext context, string id)
    {
        using (logger.BeginScope(new CorrelationScope(id)))
        {
            await next(context);
        }
    }
}
