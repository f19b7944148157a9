using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Crm.Gateway.Routing;

/// <summary>
/// Turns YARP's bare error statuses (no destination, timeout, unreachable service, oversized body) into problem
/// details that say which service failed and how.
/// </summary>
internal sealed class ProxyErrorMiddleware(RequestDelegate next, IOptions<GatewayRoutingOptions> options, ILogger<ProxyErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A service's own answers (its 404s and problem details) go back untouched.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        await next(context);

        var error = context.GetForwarderErrorFeature();
        // A client that hung up is not a service failure, and nobody is left to read an answer.
        if (error is null || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var statusCode = context.Response.StatusCode;
        logger.ForwardingFailed(service, error.Error, statusCode, error.Exception);
        if (context.Response.HasStarted || statusCode < 400)
        {
            return;
        }

        var (title, detail) = statusCode switch
        {
            StatusCodes.Status504GatewayTimeout => ("Gateway Timeout",
                $"The {service} service did not answer within {options.Value.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s."),
            StatusCodes.Status503ServiceUnavailable => ("Service Unavailable", $"No replica of the {service} service is available."),
            StatusCodes.Status413PayloadTooLarge => ("Request body too large",
                $"The request body exceeds the limit of {context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes for this route."),
            StatusCodes.Status502BadGateway => ("Bad Gateway", $"The {service} service could not be reached or broke off its answer."),
            _ => (ReasonPhrases.GetReasonPhrase(statusCode), $"Forwarding to the {service} service failed ({error.Error})."),
        };
        await GatewayProblem.WriteAsync(context, statusCode, title, detail);
    }
}
