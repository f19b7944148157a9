using System.Globalization;

namespace Crm.Segmentation.Model.Portraits;

/// <summary>
/// Where a look-alike page ends: the last customer's mean squared distance and id (the ranking's order), written as
/// <c>distance_customerId</c> with the distance in round-trip form, so the next page starts exactly after it.
/// </summary>
public readonly record struct LookAlikeCursor(double MeanSquaredDistance, Guid CustomerId)
{
    /// <summary>Before everyone: distances are never negative.</summary>
    public static LookAlikeCursor Start { get; } = new(-1, Guid.Empty);

    public override string ToString() => $"{MeanSquaredDistance.ToString("R", CultureInfo.InvariantCulture)}_{CustomerId}";

    public static bool TryParse(string? text, out LookAlikeCursor cursor)
    {
        cursor = Start;
        var separator = text?.LastIndexOf('_') ?? -1;
        if (separator <= 0
            || !double.TryParse(text.AsSpan(0, separator), NumberStyles.Float, CultureInfo.InvariantCulture, out var distance)
            || !double.IsFinite(distance) || distance < 0
            || !Guid.TryParse(text.AsSpan(separator + 1), out var customerId))
        {
            return false;
        }

        cursor = new LookAlikeCursor(distance, customerId);
        return true;
    }
}
