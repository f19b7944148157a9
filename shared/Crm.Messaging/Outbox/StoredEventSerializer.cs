using System.Collections.Concurrent;
using System.Net.Mime;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using MassTransit.Serialization;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Publishes an outbox row's stored JSON as the message of MassTransit's usual envelope, as it is, instead of turning
/// it back into an object only for MassTransit to serialize it again: two JSON passes saved per event, which for a bulk
/// event are hundreds of kilobytes. Consumers see the same envelope and content type as before.
/// </summary>
internal sealed class StoredEventSerializer(string storedJson) : IMessageSerializer
{
    // MassTransit's own options (property names, converters), minus the indentation it writes by default: bulk
    // events are large and nobody reads them by eye on the wire.
    private static readonly JsonSerializerOptions EnvelopeOptions = CreateEnvelopeOptions();

    // Publishing needs an instance of the event's type to choose the exchange and the envelope's message types; the
    // body comes from the stored JSON, so the instance is a blank one made once per type and never read.
    private static readonly ConcurrentDictionary<Type, object> Placeholders = new();

    public ContentType ContentType => SystemTextJsonMessageSerializer.JsonContentType;

    public static object PlaceholderFor(Type eventType) =>
        Placeholders.GetOrAdd(eventType, static type => RuntimeHelpers.GetUninitializedObject(type));

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class =>
        new SystemTextJsonMessageBody<T>(context, EnvelopeOptions, new JsonMessageEnvelope(context, new StoredJson(storedJson)));

    private static JsonSerializerOptions CreateEnvelopeOptions()
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options) { WriteIndented = false };
        options.Converters.Insert(0, new StoredJsonConverter());
        return options;
    }

    private sealed record StoredJson(string Json);

    // The stored text was validated by PostgreSQL (json/jsonb column) when the event was enqueued.
    private sealed class StoredJsonConverter : JsonConverter<StoredJson>
    {
        public override StoredJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Stored events are only written.");

        public override void Write(Utf8JsonWriter writer, StoredJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
