namespace Crm.Customers.Model;

/// <summary>Settings under <c>Customers</c>.</summary>
public sealed class CustomersOptions
{
    /// <summary>How far in the future a transaction or interaction time may be (clocks differ between systems).</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
