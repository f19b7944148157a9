namespace Crm.AppHost.Model;

/// <summary>The PostgreSQL cluster; each service's database is a child resource.</summary>
public sealed class DatabaseServerResource : Resource
{
    public DatabaseServerResource(string name) : base(name) => Instances.Add(new ResourceInstance(name));

    public override string Kind => "postgres";

    public List<DatabaseResource> Databases { get; } = [];

    public DatabaseResource AddDatabase(string name)
    {
        var database = new DatabaseResource(name, this);
        Databases.Add(database);
        return database;
    }
}
