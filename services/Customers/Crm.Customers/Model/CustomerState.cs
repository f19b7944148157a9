namespace Crm.Customers.Model;

/// <summary>Whether a customer can have something recorded about them, as found under their row lock.</summary>
public enum CustomerState
{
    Missing,
    Erased,
    Active,
}
