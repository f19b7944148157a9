namespace Crm.Customers.Imports;

/// <summary>An upload on the spool disk: its size and the lowercase hex SHA-256 of its bytes.</summary>
public sealed record SpooledFile(string Path, long Bytes, string Sha256);
