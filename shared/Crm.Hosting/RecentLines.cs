namespace Crm.Hosting;

/// <summary>The last lines a process wrote, so a failure or a dashboard can say what the process said.</summary>
public sealed class RecentLines(int capacity)
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

    public override string ToString() => string.Join(Environment.NewLine, Snapshot());
}
