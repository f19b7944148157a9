namespace Crm.AppHost.Model;

/// <summary>One service's database; referenced as ConnectionStrings__{Name}.</summary>
public sealed class DatabaseResource(string name, DatabaseServerResource server) : Resource(name)
{
    public override string Kind => "database";

    public DatabaseServerResource Server { get; } = server;

    public string? ConnectionString { get; set; }
}
