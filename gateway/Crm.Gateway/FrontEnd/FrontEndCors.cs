using Crm.Gateway.Correlation;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.FrontEnd;

/// <summary>
/// CORS is decided once, at the gateway: preflights are answered here and never reach a service, so services need
/// no CORS setup of their own.
/// </summary>
internal static class FrontEndCors
{
    public static IServiceCollection AddFrontEndCors(this IServiceCollection services)
    {
        services.AddOptions<FrontEndCorsOptions>()
            .BindConfiguration(FrontEndCorsOptions.Section)
            .Validate(
                options => options.Origins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out _)),
                "Gateway:Cors:Origins must be absolute origins such as https://crm.example.com.")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<FrontEndCorsOptions>>((cors, frontEnds) =>
            cors.AddDefaultPolicy(policy => policy
                // An origin never has a trailing slash; tolerate one in configuration rather than silently never match.
                .WithOrigins([.. frontEnds.Value.Origins.Select(origin => origin.TrimEnd('/'))])
                .AllowAnyMethod()
                .AllowAnyHeader()
                // Scripts can read only the response headers listed here.
                .WithExposedHeaders(CorrelationId.HeaderName, "Location", "Retry-After")
                .SetPreflightMaxAge(frontEnds.Value.PreflightMaxAge)));
        return services;
    }
}
