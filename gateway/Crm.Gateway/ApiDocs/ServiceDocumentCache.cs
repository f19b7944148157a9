using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Gateway.Routing;
using Microsoft.Extensions.Options;

namespace Crm.Gateway.ApiDocs;

/// <summary>
/// Each service's OpenAPI document, fetched from any replica that answers and kept for a while. A service that is
/// down is simply missing (or shown from its last good copy); it never breaks the documentation of the others.
/// </summary>
internal sealed class ServiceDocumentCache(IOptions<ServiceDocumentOptions> options, TimeProvider time, ILogger<ServiceDocumentCache> logger)
    : IDisposable
{
    /// <summary>After a failed fetch, page loads do not wait on the same service again for this long.</summary>
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset FetchedAt)> documents = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> failures = new(StringComparer.OrdinalIgnoreCase);

    // Not a factory client: the service defaults give those a retry handler, which would only make a down service
    // hold up the documentation page for longer. The fetch has its own short timeout and tries other replicas instead.
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public async Task<string?> GetAsync(BackendService service, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hasCopy = documents.TryGetValue(service.Name, out var copy);
        if (hasCopy && now - copy.FetchedAt < options.Value.CacheDuration)
        {
            return copy.Json;
        }

        if (failures.TryGetValue(service.Name, out var failedAt) && now - failedAt < FailureBackoff)
        {
            return hasCopy ? copy.Json : null;
        }

        foreach (var replica in service.Addresses)
        {
            if (await TryFetchAsync(service, new Uri(replica, options.Value.DocumentPath), cancellationToken) is { } json)
            {
                documents[service.Name] = (json, time.GetUtcNow());
                failures.TryRemove(service.Name, out _);
                return json;
            }
        }

        failures[service.Name] = time.GetUtcNow();
        return hasCopy ? copy.Json : null;
    }

    private async Task<string?> TryFetchAsync(BackendService service, Uri address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FetchTimeout);
        try
        {
            using var request = service.Request(HttpMethod.Get, address);
            using var response = await http.SendAsync(request, timeout.Token);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadAsStringAsync(timeout.Token);
            // Only a JSON object is worth serving; an HTML error page from a half-started service is not.
            return JsonNode.Parse(json) is JsonObject ? json : throw new JsonException("The document is not a JSON object.");
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.ServiceDocumentUnavailable(service.Name, address, exception.Message);
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
