namespace Crm.Messaging;

/// <summary>Bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>How many messages each consumer endpoint fetches ahead (and processes at once).</summary>
    public int PrefetchCount { get; set; } = 32;
}

public sealed class OutboxOptions
{
    /// <summary>False stops this instance from publishing (events still queue up in the outbox table).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>The most rows the relay claims (and marks sent) in one database transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How many bytes of payload (as stored, usually compressed) the relay reads and holds at once; a claim of big
    /// events (bulk imports' batches) is published in chunks of this size, in order. A single bigger row is still
    /// published, alone. In memory the payloads take a few times their stored size.
    /// </summary>
    public long MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long the relay waits after publishing before it looks again, so events committed meanwhile go out together.
    /// Only while busy: the first event after a quiet spell is published as soon as its commit notifies.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How often the relay looks for rows when no notification arrives (a fallback: commits notify it).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long sent outbox rows and inbox rows are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
