namespace Crm.Segmentation.Model.Rules;

/// <summary>One problem in a segment definition: <paramref name="Path"/> points at the bad part (<c>$.all[1].any[0].op</c>).</summary>
public sealed record RuleError(string Path, string Message);
