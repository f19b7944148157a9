namespace Crm.AppHost.Model;

/// <summary>The lifecycle states the dashboard shows (the same words as Aspire's).</summary>
public enum ResourceState
{
    Waiting,
    Starting,
    Running,
    Unhealthy,
    Exited,
    Failed,
}
