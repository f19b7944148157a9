namespace Crm.Contracts.Segmentation;

public static class MembershipChanges
{
    public const string Entered = "entered";
    public const string Left = "left";
}
