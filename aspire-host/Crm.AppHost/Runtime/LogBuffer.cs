namespace Crm.AppHost.Runtime;

/// <summary>The last lines a resource wrote, for the dashboard's log view.</summary>
public sealed class LogBuffer(int capacity)
{
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public string[] Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}
