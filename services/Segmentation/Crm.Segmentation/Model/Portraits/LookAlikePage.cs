namespace Crm.Segmentation.Model.Portraits;

/// <summary>A keyset page of customers, most like the ideal customer first: pass <see cref="Next"/> as <c>after</c> for the following one.</summary>
public sealed record LookAlikePage(Guid IdealSegmentId, IReadOnlyList<LookAlikeCustomer> Items, string? Next);
