using System.Reflection;

namespace Crm.Data;

/// <summary>The assemblies whose embedded <c>Migrations/*.sql</c> files make up a service's schema.</summary>
public sealed class MigrationOptions
{
    public List<Assembly> Assemblies { get; } = [];
}
