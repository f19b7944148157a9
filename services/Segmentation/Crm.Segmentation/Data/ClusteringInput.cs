namespace Crm.Segmentation.Data;

/// <summary>The chosen features of every customer who has them all, row by row, and who was left out.</summary>
/// <param name="Values">Row-major: customer i's features at [i·d, i·d + d), in the order asked for, in customer id order.</param>
/// <param name="Read">Every customer segmentation knows.</param>
/// <param name="Missing">Per feature, the customers without a value for it.</param>
public sealed record ClusteringInput(double[] Values, int Read, int[] Missing);
