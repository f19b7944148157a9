namespace Crm.Gateway.FrontEnd;

/// <summary>Browser origins of the front ends allowed to call the API: configuration section <c>Gateway:Cors</c>.</summary>
public sealed class FrontEndCorsOptions
{
    public const string Section = "Gateway:Cors";

    /// <summary>Exact origins such as <c>https://crm.example.com</c>; none means no cross-origin calls are allowed.</summary>
    public string[] Origins { get; set; } = [];

    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
