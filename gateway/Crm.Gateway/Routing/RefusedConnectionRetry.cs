using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Crm.Gateway.Routing;

/// <summary>
/// Sends a request once more, to another available replica, when the chosen one refused the connection: nothing of
/// the request left the gateway then (not even its headers, and no body byte was read), so this is safe for any
/// method. Between a replica dying and the health checks noticing, its share of requests would otherwise fail.
/// Runs before load balancing, so the second attempt is balanced, counted and health-checked like the first.
/// </summary>
internal sealed class RefusedConnectionRetry(RequestDelegate next, ILogger<RefusedConnectionRetry> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        // Load balancing narrows the feature's list to the chosen replica; keep the whole list for the retry.
        var candidates = proxy.AvailableDestinations;

        await next(context);

        if (context.GetForwarderErrorFeature() is not { Error: ForwarderError.Request, Exception: var exception }
            || !WasRefused(exception)
            || context.Response.HasStarted
            || context.RequestAborted.IsCancellationRequested
            || proxy.ProxiedDestination is not { } refused)
        {
            return;
        }

        var others = candidates.Where(destination => destination != refused).ToList();
        if (others.Count == 0)
        {
            return;
        }

        logger.RetryingRefusedConnection(proxy.Cluster.Config.ClusterId, refused.DestinationId);
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        proxy.AvailableDestinations = others;
        await next(context);
    }

    private static bool WasRefused(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
