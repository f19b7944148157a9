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

    private static IResult Answer(HttpContext context)
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is ["api", var area, ..] && ServiceRoutes.ForArea(area) is { } route)
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
