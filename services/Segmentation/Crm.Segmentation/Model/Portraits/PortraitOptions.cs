namespace Crm.Segmentation.Model.Portraits;

/// <summary>Portrait settings, in configuration section <c>Segmentation</c>.</summary>
public sealed class PortraitOptions
{
    /// <summary>Members a segment needs before its average profit can make it the ideal customer's segment.</summary>
    public int IdealCustomerMinimumMembers { get; set; } = 30;
}
