using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Limits;

/// <summary>A fixed-window quota per client on <c>/api</c>; health probes and API documentation are not metered.</summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ClientRateLimitOptions>()
            .BindConfiguration(ClientRateLimitOptions.Section)
            .Validate(options => options.PermitLimit > 0, "Gateway:RateLimit:PermitLimit must be positive.")
            .Validate(options => options.Window > TimeSpan.Zero, "Gateway:RateLimit:Window must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ClientRateLimitOptions>, ILoggerFactory>((limiter, quota, loggers) =>
        {
            var settings = quota.Value;
            var logger = loggers.CreateLogger(typeof(ClientRateLimiting).FullName!);
            var knownKeys = settings.ApiKeys.ToHashSet(StringComparer.Ordinal);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientOf(context, settings, knownKeys), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitLimit,
                        Window = settings.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("unmetered"));
            limiter.OnRejected = (rejection, _) => RejectAsync(rejection, settings, logger);
        });
        return services;
    }

    private static string ClientOf(HttpContext context, ClientRateLimitOptions settings, HashSet<string> knownKeys)
    {
        var key = context.Request.Headers[settings.ApiKeyHeader].ToString();
        return knownKeys.Contains(key)
            ? $"key:{key}"
            : $"ip:{context.Connection.RemoteIpAddress}";
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejection, ClientRateLimitOptions settings, ILogger logger)
    {
        var context = rejection.HttpContext;
        var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // The address, never the API key: keys are secrets and must not reach the logs.
        logger.ClientRateLimited(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", seconds);
        await GatewayProblem.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too Many Requests",
            $"This client may send {settings.PermitLimit} requests per {settings.Window}; retry after {seconds} s.");
    }
}
