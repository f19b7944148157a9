namespace Crm.Messaging.Outbox;

/// <summary>
/// The stored name of an event type: namespace-qualified type and assembly, without a version, so rows written
/// before an upgrade still resolve after it (contracts are additive-only).
/// </summary>
internal static class MessageTypes
{
    // The relay resolves a name per published row; a service has only a handful of event types.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> Resolved = new();

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) => Resolved.GetOrAdd(name, static name =>
        Type.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message type '{name}' cannot be loaded by this service."));
}
