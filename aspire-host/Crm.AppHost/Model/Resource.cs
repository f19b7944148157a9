namespace Crm.AppHost.Model;

/// <summary>A node of the suite's resource graph: what it is, what it waits for, and its running instances.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    public abstract string Kind { get; }

    /// <summary>Resources that must be running and healthy before this one starts (Aspire's WaitFor).</summary>
    public List<Resource> WaitsFor { get; } = [];

    public List<ResourceInstance> Instances { get; } = [];

    public bool IsReady => Instances.Count > 0 && Instances.All(instance => instance.State == ResourceState.Running);
}
