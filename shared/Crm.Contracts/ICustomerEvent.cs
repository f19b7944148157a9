namespace Crm.Contracts;

/// <summary>An event about one customer; one customer's events reach consumers in the order they happened.</summary>
public interface ICustomerEvent : IIntegrationEvent
{
    Guid CustomerId { get; }

    string IIntegrationEvent.OrderingKey => CustomerId.ToString();
}
