namespace Crm.Segmentation.Model.Rfm;

/// <summary>A customer's buying so far: days since the last purchase (as of scoring), purchase days, and revenue.</summary>
public readonly record struct RfmInput(int DaysSinceLastPurchase, int PurchaseDays, decimal Revenue);
