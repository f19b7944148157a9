using Crm.Customers.Data;
using Crm.Testing;
using Dapper;

namespace Crm.Customers.Tests;

/// <summary>The customers service on its own database and virtual host, shared by the tests of one class.</summary>
public sealed class CustomersServiceFixture : IAsyncLifetime
{
    private TestEnvironment? _environment;

    public ServiceHost<CustomerStore> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync("customersdb");
        Service = new ServiceHost<CustomerStore>(_environment.Settings());
        Client = Service.CreateClient();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = _environment!.OpenDatabase("customersdb");
        // Table names come from the tests themselves, never from input.
        return await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
