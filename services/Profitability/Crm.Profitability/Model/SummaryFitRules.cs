namespace Crm.Profitability.Model;

/// <summary>What a posted summary must satisfy before a fit is tried; field names are JSON paths of the request.</summary>
public static class SummaryFitRules
{
    /// <summary>Larger bases are fitted from the stored transactions by a scoring run, not posted.</summary>
    public const int MaxCustomers = 200_000;

    private const int MaxReportedRows = 20;

    public static void Validate(SummaryFitRequest request, ValidationErrors errors)
    {
        ScoringRules.Validate(request.TimeUnit, request.HorizonMonths, request.MonthlyDiscountRate, errors);
        if (request.PredictionHorizon is { } horizon && (!double.IsFinite(horizon) || horizon <= 0 || horizon > 10_000))
        {
            errors.Add("predictionHorizon", "must be a positive number of time units (at most 10000).");
        }

        if (request.Customers is not { Count: > 0 } customers)
        {
            errors.Add("customers", "must list at least one customer: id, frequency, recency, T, monetaryValue.");
            return;
        }

        if (customers.Count > MaxCustomers)
        {
            errors.Add("customers", $"must list at most {MaxCustomers} customers; fit larger bases from the stored transactions with a scoring run.");
            return;
        }

        var reported = 0;
        for (var i = 0; i < customers.Count && reported < MaxReportedRows; i++)
        {
            if (Problem(customers[i]) is { } problem)
            {
                errors.Add($"customers[{i}]{problem.Field}", problem.Message);
                reported++;
            }
        }
    }

    private static (string Field, string Message)? Problem(SummaryCustomer? customer) => customer switch
    {
        null => ("", "must not be null."),
        { Id: null or "" } => (".id", "is required."),
        { Id.Length: > 100 } => (".id", "must be at most 100 characters."),
        { Frequency: null or < 0 } => (".frequency", "must be a whole number ≥ 0 (repeat purchase days)."),
        { T: null or <= 0 } => (".T", "must be a number > 0 (time since the first purchase)."),
        { Recency: null or < 0 } => (".recency", "must be a number ≥ 0 (time of the last purchase after the first)."),
        { Recency: var r, T: var t } when r > t => (".recency", "must not be later than T."),
        { MonetaryValue: { } m } when !double.IsFinite(m) || m < 0 => (".monetaryValue", "must be a number ≥ 0."),
        _ => null,
    };
}
