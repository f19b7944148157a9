namespace Crm.Hosting;

/// <summary>A server binary the suite needs is not installed; the message says how to install it.</summary>
public sealed class MissingToolException(string message) : Exception(message);
