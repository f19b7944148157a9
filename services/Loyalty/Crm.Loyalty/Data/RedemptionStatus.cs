namespace Crm.Loyalty.Data;

/// <summary>A reservation holds points and stock until it is confirmed (spent for good) or cancelled (given back).</summary>
public enum RedemptionStatus
{
    Reserved,
    Confirmed,
    Cancelled,
}
