namespace Crm.Gateway.Routing;

/// <summary>Requests under <c>/api/{Area}</c> belong to the service named <see cref="Service"/> in service discovery.</summary>
public sealed record ServiceRoute(string Area, string Service);
