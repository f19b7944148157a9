namespace Crm.Gateway.Limits;

/// <summary>A larger (or smaller) body limit for every path under <see cref="PathPrefix"/>, e.g. bulk imports.</summary>
public sealed class RequestBodyLimit
{
    public string PathPrefix { get; set; } = "";

    public long MaxBytes { get; set; }
}
