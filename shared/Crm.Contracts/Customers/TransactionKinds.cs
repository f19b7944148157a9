namespace Crm.Contracts.Customers;

public static class TransactionKinds
{
    public const string Sale = "sale";
    public const string Return = "return";
}
