namespace Crm.Loyalty.Data;

/// <summary>Another reward already has this name (names are unique whatever their case).</summary>
public sealed class RewardNameTakenException(string name) : Exception($"A reward named '{name}' already exists.")
{
    public string Name { get; } = name;
}
