namespace Crm.Loyalty.Model.Earning;

/// <summary>
/// Who and what an earn rule is for; a null or empty list places no restriction and names match case-insensitively.
/// Segments (the customer is in any listed), tiers and channels decide whether the rule applies to a purchase at all;
/// categories and skus decide which of its spend the rule counts: a line counts when its category is listed or its
/// sku is listed (a sku belongs to one category, so requiring both would only ever narrow to the skus).
/// </summary>
public sealed record RuleTarget(
    IReadOnlyList<string>? Segments,
    IReadOnlyList<string>? Tiers,
    IReadOnlyList<string>? Channels,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<string>? Skus)
{
    /// <summary>No restriction: every customer, every channel, all spend.</summary>
    public static RuleTarget Everyone { get; } = new(null, null, null, null, null);

    /// <summary>Whether the rule counts only some lines of a purchase rather than its whole net amount.</summary>
    public bool RestrictsLines => Categories is { Count: > 0 } || Skus is { Count: > 0 };

    /// <summary>Whether the rule counts only purchases of some channels or lines, rather than every purchase.</summary>
    public bool RestrictsPurchases => Channels is { Count: > 0 } || RestrictsLines;

    /// <summary>Whether the customer's segments and tier let the rule apply.</summary>
    public bool Includes(EarningCustomer customer) =>
        (Segments is not { Count: > 0 } || Segments.Any(segment => customer.Segments.Any(held => SameName(held, segment))))
        && (Tiers is not { Count: > 0 } || (customer.Tier is { } tier && Tiers.Any(listed => SameName(listed, tier))));

    /// <summary>Whether a purchase through this channel can earn under the rule.</summary>
    public bool IncludesChannel(string channel) => Channels is not { Count: > 0 } || Channels.Any(listed => SameName(listed, channel));

    /// <summary>Whether the rule counts this line's spend.</summary>
    public bool IncludesLine(EarningLine line) =>
        !RestrictsLines
        || (Categories is { Count: > 0 } && Categories.Any(listed => SameName(listed, line.Category)))
        || (Skus is { Count: > 0 } && line.Sku is { } sku && Skus.Any(listed => SameName(listed, sku)));

    /// <summary>Whether two names a rule lists or meets are the same: case-insensitively.</summary>
    public static bool SameName(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
