namespace Crm.Contracts.Customers;

/// <summary>Why a customer is contacted; consent is given per channel and purpose.</summary>
public static class ContactPurposes
{
    public const string Marketing = "marketing";
    public const string Service = "service";
    public const string Surveys = "surveys";

    public static IReadOnlyList<string> All { get; } = [Marketing, Service, Surveys];
}
