namespace Crm.Segmentation.Model.Portraits;

/// <summary>How many of a portrait's members have <see cref="Value"/>, and what share of the members that is.</summary>
public sealed record MixShare(string Value, long Count, double Share);
