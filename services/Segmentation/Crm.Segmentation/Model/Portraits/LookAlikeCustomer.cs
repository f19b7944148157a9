namespace Crm.Segmentation.Model.Portraits;

/// <summary>A customer in the look-alike ranking.</summary>
public sealed record LookAlikeCustomer(Guid CustomerId, double Score, double MeanSquaredDistance);
