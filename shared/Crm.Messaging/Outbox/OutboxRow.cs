namespace Crm.Messaging.Outbox;

internal sealed record OutboxRow(long Id, Guid MessageId, string MessageType, string PartitionKey, string Payload);
