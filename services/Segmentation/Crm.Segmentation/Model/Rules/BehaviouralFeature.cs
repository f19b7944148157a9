namespace Crm.Segmentation.Model.Rules;

/// <summary>
/// A number describing how a customer buys or what they are worth, that clustering measures distances on. It is read
/// off the same facts segment rules read, so a cluster saved as a segment places each customer as the clustering did.
/// </summary>
/// <param name="Name">As clustering requests and <c>nearestCluster</c> rules spell it.</param>
/// <param name="Read">The customer's value, or null when it is missing (no purchase yet, not yet valued).</param>
/// <param name="RuleFields">The rule fields it is computed from: what a segment built on it depends on.</param>
/// <param name="High">How a cluster well above the average customer on it is described.</param>
/// <param name="Low">How a cluster well below the average customer on it is described.</param>
public sealed record BehaviouralFeature(string Name, Func<CustomerFacts, double?> Read, IReadOnlyList<string> RuleFields, string High, string Low);
