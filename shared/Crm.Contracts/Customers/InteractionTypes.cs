namespace Crm.Contracts.Customers;

/// <summary>The managed vocabularies of interactions: the values the customers service accepts and its events carry.</summary>
public static class InteractionTypes
{
    public static IReadOnlyList<string> All { get; } =
        ["pageView", "click", "call", "emailOpened", "emailClicked", "storeVisit", "serviceTicket", "chat"];

    public static IReadOnlyList<string> Channels { get; } = ["web", "app", "email", "sms", "phone", "store", "social", "partner", "mail"];
}
