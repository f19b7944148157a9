namespace Crm.Loyalty.Data;

/// <summary>Another partner already has this name (names are unique whatever their case).</summary>
public sealed class PartnerNameTakenException(string name) : Exception($"A partner named '{name}' already exists.")
{
    public string Name { get; } = name;
}
