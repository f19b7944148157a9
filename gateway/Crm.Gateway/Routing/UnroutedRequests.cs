namespace Crm.Gateway.Routing;

/// <summary>Answers what no proxy route or gateway endpoint matched: 503 for a known area without a service, else 404.</summary>
internal static class UnroutedRequests
{
    public static WebApplication MapUnroutedRequests(this WebApplication app)
    {
        // The fallback runs only when nothing else matched, so it never shadows a configured service's route.
        app.MapFallback("{**path}", Answer).ExcludeFromDescription();
        return app;
    }

    private static IResult Answer(HttpContext context, ServiceCatalog catalog)
    {
        // Empty segments count: //api/customers/1 and /api//customers/1 match no route, so they are 404s rather than
        // read as /api/customers (the gateway forwards paths unchanged and does not repair them).
        if (context.Request.Path.Value?.Split('/') is ["", "api", var area, ..]
            && catalog.Unconfigured.FirstOrDefault(route => string.Equals(route.Area, area, StringComparison.OrdinalIgnoreCase)) is { } route)
        {
            return GatewayProblem.Create(
                StatusCodes.Status503ServiceUnavailable,
                "Service not configured",
                $"The {route.Service} service that serves /api/{route.Area} has no address configured (services:{route.Service}:http:0).");
        }

        return GatewayProblem.Create(
            StatusCodes.Status404NotFound,
            "Not Found",
            $"No route matches {context.Request.Path}. APIs live under {string.Join(", ", ServiceRoutes.All.Select(known => $"/api/{known.Area}"))}.");
    }
}
