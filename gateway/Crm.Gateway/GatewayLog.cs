using Yarp.ReverseProxy.Forwarder;

namespace Crm.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Routing /api/{Area} to the {Service} service across {ReplicaCount} replica(s) over {Protocol}")]
    public static partial void RoutingService(this ILogger logger, string area, string service, int replicaCount, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No address configured for the {Service} service; /api/{Area} answers 503 until {SettingKey} is set")]
    public static partial void ServiceNotConfigured(this ILogger logger, string service, string area, string settingKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring address '{Address}' of the {Service} service: not an absolute http(s) URL")]
    public static partial void InvalidServiceAddress(this ILogger logger, string service, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to the {Service} service failed ({Error}); answered {StatusCode}")]
    public static partial void ForwardingFailed(this ILogger logger, string service, ForwarderError error, int statusCode, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Destination} of the {Service} service refused the connection; trying another replica")]
    public static partial void RetryingRefusedConnection(this ILogger logger, string service, string destination);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replaced an unusable incoming correlation id with {CorrelationId}")]
    public static partial void CorrelationIdReplaced(this ILogger logger, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit reached for client {Client}; retry after {RetryAfterSeconds} s")]
    public static partial void ClientRateLimited(this ILogger logger, string client, long retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a {ContentLength}-byte body to {Path}: the limit there is {Limit} bytes")]
    public static partial void RequestBodyTooLarge(this ILogger logger, string path, long contentLength, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the OpenAPI document of the {Service} service from {Address}: {Reason}")]
    public static partial void ServiceDocumentUnavailable(this ILogger logger, string service, Uri address, string reason);
}
