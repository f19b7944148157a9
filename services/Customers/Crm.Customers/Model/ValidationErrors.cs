namespace Crm.Customers.Model;

/// <summary>Field-level problems collected while checking input, in the shape of a problem response's <c>errors</c>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public IEnumerable<(string Field, string Message)> All =>
        _errors.SelectMany(pair => pair.Value.Select(message => (pair.Key, message)));

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
}
