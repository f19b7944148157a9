using Crm.Contracts.Customers;

namespace Crm.Profitability.Model;

/// <summary>What a new cost model version must satisfy before it is stored.</summary>
public static class CostModelRules
{
    public const int MaxEntries = 200;
    private const int MaxNameLength = 50;
    private const decimal MaxAmount = 1_000_000m;

    // A price for a name the customers service never records would never apply (names match exactly): refused instead.
    private static readonly IReadOnlyList<string> Channels = [.. SalesChannels.All.Union(InteractionTypes.Channels)];

    public static void Validate(NewCostModel model, ValidationErrors errors)
    {
        if (model.EffectiveFrom is null)
        {
            errors.Add("effectiveFrom", "is required: the moment from which this version prices transactions and contacts.");
        }

        if (model.Admin is { } admin)
        {
            if (!AdminCostBases.All.Contains(admin.Basis))
            {
                errors.Add("admin.basis", $"must be one of {string.Join(", ", AdminCostBases.All)}.");
            }
            else if (admin.Basis == AdminCostBases.ShareOfRevenue && admin.Amount is < 0 or > 1)
            {
                errors.Add("admin.amount", "is a share of net revenue and must be between 0 and 1.");
            }
            else if (admin.Basis == AdminCostBases.None && admin.Amount != 0)
            {
                errors.Add("admin.amount", "must be 0 (or left out) when the basis is none: nothing would charge it.");
            }

            Amount(errors, "admin.amount", admin.Amount);
        }

        Entries(errors, "channels", model.Channels, c => c.Channel, Channels, (c, field) =>
        {
            Amount(errors, $"{field}.perTransaction", c.PerTransaction);
            Amount(errors, $"{field}.perContact", c.PerContact);
        });
        Entries(errors, "serviceCosts", model.ServiceCosts, c => c.InteractionType, InteractionTypes.All, (c, field) => Amount(errors, $"{field}.cost", c.Cost));

        if (model.Note is { Length: > 500 })
        {
            errors.Add("note", "must be at most 500 characters.");
        }
        else if (model.Note is { } note && !FreeText.IsPrintableText(note))
        {
            errors.Add("note", "must be printable text: no control characters other than line breaks and tabs.");
        }
    }

    private static void Entries<T>(
        ValidationErrors errors, string field, IReadOnlyList<T>? entries, Func<T, string?> name, IReadOnlyList<string> known, Action<T, string> check)
    {
        if (entries is null)
        {
            return;
        }

        if (entries.Count > MaxEntries)
        {
            errors.Add(field, $"must have at most {MaxEntries} entries.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entryField = $"{field}[{i}]";
            if (entries[i] is not { } entry)
            {
                errors.Add(entryField, "must not be null.");
                continue;
            }

            var key = name(entry);
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxNameLength || !FreeText.IsPrintableLine(key))
            {
                errors.Add(entryField, $"needs a name of 1 to {MaxNameLength} printable characters.");
            }
            else if (!known.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(entryField, $"'{key}' is not one the customers service records: {string.Join(", ", known)}.");
            }
            else if (!seen.Add(key))
            {
                errors.Add(entryField, $"'{key}' appears twice; give each one price.");
            }

            check(entry, entryField);
        }
    }

    private static void Amount(ValidationErrors errors, string field, decimal amount)
    {
        if (amount is < 0 or > MaxAmount)
        {
            errors.Add(field, $"must be between 0 and {MaxAmount:0}.");
        }
        else if (decimal.Round(amount, 6) != amount)
        {
            errors.Add(field, "must have at most 6 decimals.");
        }
    }
}
