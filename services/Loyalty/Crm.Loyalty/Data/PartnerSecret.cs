namespace Crm.Loyalty.Data;

/// <summary>A partner's new signing secret, shown this once; the one before it stops working at <see cref="RotatedAt"/>.</summary>
public sealed record PartnerSecret(Guid PartnerId, string SigningSecret, DateTimeOffset RotatedAt);
