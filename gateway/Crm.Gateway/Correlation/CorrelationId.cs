using System.Buffers;
using Microsoft.Extensions.Primitives;

namespace Crm.Gateway.Correlation;

/// <summary>
/// The id that ties a front end's request to every service log line it caused. Incoming ids are kept only when
/// short and made of safe characters: they end up in logs and headers, where anything else could inject or bloat.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";

    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static bool IsValid(StringValues values) =>
        values.Count == 1 && values[0] is { Length: > 0 and <= MaxLength } value && !value.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>Version 7 GUIDs sort by creation time, which helps when scanning logs.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
