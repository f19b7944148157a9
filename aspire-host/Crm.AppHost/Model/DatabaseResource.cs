namespace Crm.AppHost.Model;

/// <summary>One service's database; referenced as ConnectionStrings__{Name}.</summary>
public sealed class DatabaseResource : Resource
{
    public DatabaseResource(string name, DatabaseServerResource server) : base(name)
    {
        Server = server;
        WaitsFor.Add(server);
    }

    public override string Kind => "database";

    public DatabaseServerResource Server { get; }

    public string? ConnectionString { get; set; }
}
