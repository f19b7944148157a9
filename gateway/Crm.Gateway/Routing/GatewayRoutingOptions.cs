namespace Crm.Gateway.Routing;

/// <summary>How the gateway forwards: configuration section <c>Gateway</c>.</summary>
public sealed class GatewayRoutingOptions
{
    public const string Section = "Gateway";

    /// <summary>How long a service may stay silent (no headers, no body bytes) before the client gets a 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A YARP policy name: PowerOfTwoChoices, RoundRobin, LeastRequests, Random or FirstAlphabetical.</summary>
    public string LoadBalancingPolicy { get; set; } = "PowerOfTwoChoices";

    /// <summary>Probed on every replica; services report their database and broker there, so a replica that lost them leaves the rotation.</summary>
    public string HealthCheckPath { get; set; } = "/health";

    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a replica that failed too many forwarded requests (30 % of at least 10) stays out of the rotation. The
    /// failures are counted over this period too, at most over the last 60 s.
    /// </summary>
    public TimeSpan PassiveHealthReactivation { get; set; } = TimeSpan.FromSeconds(30);
}
