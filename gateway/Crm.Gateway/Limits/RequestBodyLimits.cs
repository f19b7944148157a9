namespace Crm.Gateway.Limits;

internal static class RequestBodyLimits
{
    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestBodyLimitOptions>()
            .BindConfiguration("Gateway")
            .Validate(options => options.MaxRequestBodyBytes > 0, "Gateway:MaxRequestBodyBytes must be positive.")
            .Validate(
                options => options.RequestBodyLimits.All(limit => limit.PathPrefix.StartsWith('/') && limit.MaxBytes > 0),
                "Each Gateway:RequestBodyLimits entry needs a PathPrefix starting with '/' and a positive MaxBytes.")
            .ValidateOnStart();
        return services;
    }
}
