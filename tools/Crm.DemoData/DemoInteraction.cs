namespace Crm.DemoData;

/// <summary>A generated contact; <see cref="CostToServe"/> in the data set's currency when handling it cost something.</summary>
public readonly record struct DemoInteraction(DateTime OccurredAt, string Channel, string Type, decimal? CostToServe);
