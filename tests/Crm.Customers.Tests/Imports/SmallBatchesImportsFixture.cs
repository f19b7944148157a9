namespace Crm.Customers.Tests.Imports;

/// <summary>
/// The imports fixture with batches of two rows, so a short file spans many batches and a batch is decided while
/// the one before it is still being written.
/// </summary>
public sealed class SmallBatchesImportsFixture : ImportsFixture
{
    protected override int? BatchRows => 2;
}
