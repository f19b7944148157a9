namespace Crm.Customers.Imports;

public sealed class FileTooLargeException(long limit) : Exception($"The file is larger than the limit of {limit} bytes.")
{
    public long Limit { get; } = limit;
}
