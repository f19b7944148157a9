using System.Text.Json.Nodes;
using Crm.Gateway.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Scalar.AspNetCore;

namespace Crm.Gateway.ApiDocs;

/// <summary>
/// <c>/openapi/&lt;service&gt;.json</c> for every configured service (any other name is a 404) and the interactive reference at <c>/scalar</c>
/// listing those documents that can be fetched right now.
/// </summary>
internal static class ServiceDocumentsApi
{
    public static IServiceCollection AddServiceDocuments(this IServiceCollection services)
    {
        services.AddOptions<ServiceDocumentOptions>()
            .BindConfiguration(ServiceDocumentOptions.Section)
            .Validate(options => options.DocumentPath.StartsWith('/'), "Gateway:OpenApi:DocumentPath must start with '/'.")
            .Validate(options => options.FetchTimeout > TimeSpan.Zero, "Gateway:OpenApi:FetchTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ServiceDocumentCache>();
        return services;
    }

    public static WebApplication MapServiceDocuments(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ServiceCatalog>();
        // Ordered before the service defaults' /openapi/{documentName}.json, which would answer an unknown name with a
        // plain-text 404 and /openapi/v1.json with the gateway's own document: it has no API of its own to describe.
        app.MapGet("/openapi/{name}.json", GetDocument).WithOrder(-1).ExcludeFromDescription();

        app.MapScalarApiReference("/scalar", async (options, context) =>
        {
            // The hosted AI assistant would send internal API documents to a third party.
            options.WithTitle("CRM Suite API").DisableAgent();
            var documents = context.RequestServices.GetRequiredService<ServiceDocumentCache>();
            var available = await Task.WhenAll(catalog.Services.Select(async service =>
                (Service: service, Json: await documents.GetAsync(service, context.RequestAborted))));
            foreach (var (service, _) in available.Where(document => document.Json is not null))
            {
                options.AddDocument(service.Name, $"{service.Name} (/api/{service.Area})", $"/openapi/{service.Name}.json");
            }
        });
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDocument(
        string name, HttpContext context, ServiceCatalog catalog, ServiceDocumentCache documents, CancellationToken cancellationToken)
    {
        if (catalog.Find(name) is not { } service)
        {
            return GatewayProblem.Create(
                StatusCodes.Status404NotFound,
                "Not Found",
                $"No OpenAPI document is named '{name}'. Documents: {string.Join(", ", catalog.Services.Select(known => $"/openapi/{known.Name}.json"))}.");
        }

        if (await documents.GetAsync(service, cancellationToken) is not { } json)
        {
            return GatewayProblem.Create(
                StatusCodes.Status503ServiceUnavailable,
                "Document unavailable",
                $"No replica of the {service.Name} service returned its OpenAPI document.");
        }

        // Requests from the UI must go through the gateway, not to the service's internal address.
        var document = (JsonObject)JsonNode.Parse(json)!;
        var request = context.Request;
        document["servers"] = new JsonArray(new JsonObject { ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}" });
        return TypedResults.Text(document.ToJsonString(), "application/json");
    }
}
