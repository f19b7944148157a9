namespace Crm.Customers.Model;

/// <summary>
/// A search over profiles: text on name or email, acquisition source, creation range and attribute values
/// (<c>key:value</c>), one page of <see cref="Limit"/> customers after the customer <see cref="After"/>.
/// </summary>
public sealed record CustomerQuery(
    string? Text,
    string? AcquisitionSource,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    IReadOnlyDictionary<string, string> Attributes,
    int Limit,
    Guid? After);
