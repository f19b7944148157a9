namespace Crm.Messaging.Outbox;

/// <summary>An unsent outbox row the relay has locked, without its payload.</summary>
/// <param name="Folded">Whether the row holds events folded into one (see <see cref="OutboxFolding"/>).</param>
internal sealed record ClaimedRow(long Id, string MessageType, int StoredBytes, bool Folded);
