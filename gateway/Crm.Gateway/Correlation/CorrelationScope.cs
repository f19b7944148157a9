using System.Collections;

namespace Crm.Gateway.Correlation;

/// <summary>
/// The log scope that puts <c>CorrelationId</c> on every log line written while a request is handled. One small
/// object per request: a dictionary would cost several, on every request, for log lines that are rarely written.
/// </summary>
internal sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("CorrelationId", correlationId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"CorrelationId:{correlationId}";
}
