using Crm.AppHost.Model;

namespace Crm.AppHost.Runtime;

/// <summary>Writes each resource's console output prefixed with its name, in a colour of its own.</summary>
public static class ConsoleOutput
{
    private static readonly ConsoleColor[] Colours =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkYellow];

    private static readonly object Gate = new();

    public static Action<string> For(ResourceInstance instance)
    {
        var colour = Colours[(int)((uint)StringComparer.Ordinal.GetHashCode(instance.Name) % Colours.Length)];
        return line =>
        {
            instance.Logs.Add(line);
            Write(instance.Name, colour, line);
        };
    }

    public static void Info(string message) => Write("apphost", ConsoleColor.White, message);

    private static void Write(string name, ConsoleColor colour, string line)
    {
        lock (Gate)
        {
            Console.ForegroundColor = colour;
            Console.Write($"[{name}] ");
            Console.ResetColor();
            Console.WriteLine(line);
        }
    }
}
