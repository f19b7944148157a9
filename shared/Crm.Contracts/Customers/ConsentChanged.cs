namespace Crm.Contracts.Customers;

/// <summary>
/// A customer granted or withdrew consent to be contacted on <see cref="Channel"/> for <see cref="Purpose"/>
/// (values of <see cref="ContactChannels"/> and <see cref="ContactPurposes"/>).
/// </summary>
public sealed record ConsentChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    string Channel,
    string Purpose,
    bool Granted,
    string Basis,
    string Source,
    DateTimeOffset ChangedAt) : ICustomerEvent;
