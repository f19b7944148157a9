using System.Text.Json;
using Crm.Hosting;

namespace Crm.AppHost.Runtime;

/// <summary>
/// Ports for the broker and database chosen once and kept in the state folder, so the same data comes back on
/// the same ports after a restart (unless something else took them meanwhile).
/// </summary>
public sealed class PersistedPorts(string stateDirectory)
{
    private readonly string _file = Path.Combine(stateDirectory, "ports.json");

    public Dictionary<string, int> Load()
    {
        var saved = File.Exists(_file)
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(_file)) ?? []
            : [];
        var ports = new Dictionary<string, int>();
        foreach (var name in new[] { "rabbitmq", "rabbitmq-management", "postgres" })
        {
            ports[name] = saved.TryGetValue(name, out var port) && FreePort.IsFree(port) ? port : FreePort.Next();
        }

        Directory.CreateDirectory(stateDirectory);
        File.WriteAllText(_file, JsonSerializer.Serialize(ports));
        return ports;
    }
}
