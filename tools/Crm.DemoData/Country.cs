namespace Crm.DemoData;

/// <summary>A country the shop sells to: its share of customers, dialling code and regions.</summary>
public sealed record Country(string Code, double Weight, string DiallingCode, string[] Regions);
