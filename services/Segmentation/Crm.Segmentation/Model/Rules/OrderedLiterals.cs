namespace Crm.Segmentation.Model.Rules;

/// <summary>How an attribute comparison reads, describes and prints literals of one ordered kind (numbers, dates).</summary>
internal sealed record OrderedLiterals<T>(string Expected, LiteralReader<T> Read, Func<T, string> Format);
