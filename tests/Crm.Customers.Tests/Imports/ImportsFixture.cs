using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Imports;
using Crm.Testing;
using Dapper;

namespace Crm.Customers.Tests.Imports;

/// <summary>The customers service on its own database and virtual host, with helpers to upload files and await their jobs.</summary>
public class ImportsFixture : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TestEnvironment? _environment;

    public ServiceHost<ImportJobStore> Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Rows per batch, when not the service's default.</summary>
    protected virtual int? BatchRows => null;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _environment = await infrastructure.CreateEnvironmentAsync("customersdb");
        var settings = _environment.Settings();
        settings["Imports:SpoolFolder"] = Path.Combine(Path.GetTempPath(), $"crm-import-tests-{Guid.NewGuid():N}");
        if (BatchRows is { } rows)
        {
            settings["Imports:BatchRows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Service = new ServiceHost<ImportJobStore>(settings);
        Client = Service.CreateClient();
    }

    public Task<HttpResponseMessage> UploadAsync(string kind, string content, string contentType = "text/csv", string? fileName = null) =>
        Client.PostAsync($"/api/customers/imports/{kind}{(fileName is null ? "" : $"?fileName={Uri.EscapeDataString(fileName)}")}",
            new StringContent(content, Encoding.UTF8, contentType));

    /// <summary>Uploads a file, expects 202 and waits for its job to end.</summary>
    public async Task<ImportJob> ImportAsync(string kind, string content, string contentType = "text/csv")
    {
        var response = await UploadAsync(kind, content, contentType);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<ImportJob>(Json);
        Assert.Equal($"/api/customers/imports/{accepted!.Id}", response.Headers.Location?.ToString());
        return await WaitAsync(accepted.Id);
    }

    public Task<ImportJob> WaitAsync(Guid id) => Eventually.ReturnsAsync(
        async () => (await Client.GetFromJsonAsync<ImportJob>($"/api/customers/imports/{id}", Json))!,
        job => job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed,
        TimeSpan.FromSeconds(60),
        $"import {id} to finish");

    public async Task<IReadOnlyList<ImportRowError>> ErrorsAsync(Guid id)
    {
        var page = await Client.GetFromJsonAsync<ImportErrorsPage>($"/api/customers/imports/{id}/errors?limit=1000", Json);
        return page!.Items;
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("customersdb");
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? default!;
    }

    public Npgsql.NpgsqlConnection OpenDatabase() => _environment!.OpenDatabase("customersdb");

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("customersdb");
        await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = _environment!.OpenDatabase("customersdb");
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    /// <summary>Registers customers with the given external ids through a customers import.</summary>
    public async Task RegisterCustomersAsync(params string[] externalIds)
    {
        var csv = "external_id,name\n" + string.Concat(externalIds.Select(id => $"{id},Customer {id}\n"));
        var job = await ImportAsync(ImportKind.Customers, csv);
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal(externalIds.Length, job.RowsStored);
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
