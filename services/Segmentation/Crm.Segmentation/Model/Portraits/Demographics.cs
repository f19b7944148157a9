namespace Crm.Segmentation.Model.Portraits;

/// <summary>Where the members live and the year each became a customer.</summary>
public sealed record Demographics(IReadOnlyList<MixShare> Countries, IReadOnlyList<MixShare> CustomerSinceCohorts);
