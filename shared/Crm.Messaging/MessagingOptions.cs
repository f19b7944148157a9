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

    public int BatchSize { get; set; } = 500;

    /// <summary>How often the relay looks for rows when no notification arrives (a fallback: commits notify it).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long sent outbox rows and inbox rows are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
