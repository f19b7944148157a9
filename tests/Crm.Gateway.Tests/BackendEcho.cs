namespace Crm.Gateway.Tests;

/// <summary>What a fake service saw of a forwarded request.</summary>
public sealed record BackendEcho(
    string Service, int Replica, string Method, string Path, long BodyBytes, Dictionary<string, string> Headers, string Protocol)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
