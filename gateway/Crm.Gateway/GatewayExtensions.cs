using Crm.Gateway.ApiDocs;
using Crm.Gateway.Correlation;
using Crm.Gateway.FrontEnd;
using Crm.Gateway.Health;
using Crm.Gateway.Limits;
using Crm.Gateway.Routing;
using Crm.Gateway.Telemetry;

namespace Crm.Gateway;

public static class GatewayExtensions
{
    /// <summary>
    /// Routing to every configured service (addresses from <c>services:&lt;name&gt;:http:&lt;i&gt;</c>), request limits,
    /// CORS for the front ends and the aggregated OpenAPI documents. Nothing is read from configuration before the
    /// application is built, so tests and hosts can still add configuration sources.
    /// </summary>
    public static WebApplicationBuilder AddCrmGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddGatewayRouting();
        builder.Services.AddGatewayTelemetry();
        builder.Services.AddRequestBodyLimits();
        builder.Services.AddClientRateLimiting();
        builder.Services.AddFrontEndCors();
        builder.Services.AddServiceDocuments();
        builder.Services.AddCorrelationIdInProblems();
        builder.Services.AddHealthChecks().AddCheck<RoutesHealthCheck>("routes", tags: ["ready"]);
        return builder;
    }

    /// <summary>First in the pipeline, so every answer (errors and rejections included) carries the correlation id.</summary>
    public static WebApplication UseCorrelationId(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        return app;
    }

    public static WebApplication MapCrmGateway(this WebApplication app)
    {
        // Preflight is answered before rate limiting, so a browser's OPTIONS never spends a client's permits.
        app.UseCors();
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimitMiddleware>();

        app.MapGatewayRoutes();
        app.MapServiceDocuments();
        app.MapUnroutedRequests();
        return app;
    }
}
