using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.ServiceDefaults;

/// <summary>Field-level problems collected while checking input, in the shape of a problem response's <c>errors</c>.</summary>
public sealed class ValidationErrors
{
    // Made at the first problem: imports check millions of rows that have none.
    private Dictionary<string, List<string>>? _errors;

    public bool IsEmpty => _errors is null || _errors.Count == 0;

    public void Add(string field, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public IEnumerable<(string Field, string Message)> All =>
        _errors is null ? [] : _errors.SelectMany(pair => pair.Value.Select(message => (pair.Key, message)));

    /// <summary>The 400 validation problem listing every error by field.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "The request is not valid.");

    /// <summary>The 400 validation problem of a single error.</summary>
    public static ValidationProblem Problem(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors is null ? new(StringComparer.Ordinal) : _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
