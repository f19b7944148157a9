namespace Crm.Customers.Imports;

/// <summary>One line of an NDJSON interactions file: an interaction as the API takes it, plus the customer's external id.</summary>
internal sealed record InteractionImportLine(
    string? InteractionId,
    string? CustomerId,
    DateTimeOffset OccurredAt,
    string? Channel,
    string? Type,
    decimal? CostToServe = null,
    string? Currency = null);
