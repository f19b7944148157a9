using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.Limits;

/// <summary>A fixed-window quota per client on <c>/api</c> (<see cref="ClientQuotaWindow"/>); health probes and API documentation are not metered.</summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ClientRateLimitOptions>()
            .BindConfiguration(ClientRateLimitOptions.Section)
            .Validate(options => options.PermitLimit > 0, "Gateway:RateLimit:PermitLimit must be positive.")
            .Validate(options => options.ApiKeyPermitLimit > 0, "Gateway:RateLimit:ApiKeyPermitLimit must be positive.")
            .Validate(options => options.Window > TimeSpan.Zero, "Gateway:RateLimit:Window must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ClientRateLimitOptions>, ILoggerFactory, TimeProvider>((limiter, quota, loggers, time) =>
        {
            var settings = quota.Value;
            var logger = loggers.CreateLogger(typeof(ClientRateLimiting).FullName!);
            var knownKeys = settings.ApiKeys.ToHashSet(StringComparer.Ordinal);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Built once: a lambda at the call site would allocate a delegate on every request just to look a client up.
            Func<Client, RateLimiter> newLimiter = client =>
                new ClientQuotaWindow(client.ApiKey is null ? settings.PermitLimit : settings.ApiKeyPermitLimit, settings.Window, time);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Client>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.Get(ClientOf(context, settings, knownKeys), newLimiter)
                    : RateLimitPartition.GetNoLimiter(Client.Unmetered));
            limiter.OnRejected = (rejection, _) => RejectAsync(rejection, settings, knownKeys, logger);
        });
        return services;
    }

    private static Client ClientOf(HttpContext context, ClientRateLimitOptions settings, HashSet<string> knownKeys)
    {
        if (knownKeys.Count > 0 && context.Request.Headers[settings.ApiKeyHeader] is [{ } key] && knownKeys.Contains(key))
        {
            return new Client(Metered: true, ApiKey: key, Address: null);
        }

        return new Client(Metered: true, ApiKey: null, Address: context.Connection.RemoteIpAddress);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejection, ClientRateLimitOptions settings, HashSet<string> knownKeys, ILogger logger)
    {
        var context = rejection.HttpContext;
        // The time left in the client's window, rounded up: a client that waits that long is admitted again.
        var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // The address, never the API key: keys are secrets and must not reach the logs.
        logger.ClientRateLimited(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", seconds);
        await GatewayProblem.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too Many Requests",
            $"This client may send {(ClientOf(context, settings, knownKeys).ApiKey is null ? settings.PermitLimit : settings.ApiKeyPermitLimit)} requests per {settings.Window}; retry after {seconds} s.");
    }

    /// <summary>
    /// Whose quota a request spends: a listed API key, else the connection's address. A value compared by value, so
    /// finding a client's limiter allocates nothing per request (a string key would be built on every request).
    /// </summary>
    private readonly record struct Client(bool Metered, string? ApiKey, IPAddress? Address)
    {
        public static Client Unmetered => default;
    }
}
