namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// A customer base summarised over a calibration period, one customer per index, arrays side by side so the fits
/// stream through them. Frequency x counts repeat purchase days; recency t_x (the last purchase) and age T (since the
/// first purchase) are in the model's time unit with 0 ≤ t_x ≤ T; monetary value is the mean amount of the repeat days.
/// </summary>
/// <exception cref="ModelFitException">A row is invalid; the message names the first one, since a fit would be meaningless.</exception>
public sealed class CustomerBaseSummary
{
    public CustomerBaseSummary(int[] frequency, double[] recency, double[] age, double[] monetaryValue)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(age);
        ArgumentNullException.ThrowIfNull(monetaryValue);
        if (recency.Length != frequency.Length || age.Length != frequency.Length || monetaryValue.Length != frequency.Length)
        {
            throw new ArgumentException(
                $"The summary's columns differ in length: {frequency.Length} frequencies, {recency.Length} recencies, {age.Length} ages, {monetaryValue.Length} monetary values.");
        }

        for (var i = 0; i < frequency.Length; i++)
        {
            if (Problem(frequency[i], recency[i], age[i], monetaryValue[i]) is { } problem)
            {
                throw new ModelFitException(
                    $"Customer at index {i} (x = {frequency[i]}, t_x = {recency[i]}, T = {age[i]}, monetary value = {monetaryValue[i]}): {problem}. Correct or remove the row and fit again.");
            }
        }

        Frequency = frequency;
        Recency = recency;
        Age = age;
        MonetaryValue = monetaryValue;
    }

    public int Count => Frequency.Length;

    public int[] Frequency { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public double[] MonetaryValue { get; }

    private static string? Problem(int frequency, double recency, double age, double monetaryValue) =>
        frequency < 0 ? "the frequency is negative"
        : !double.IsFinite(age) || age <= 0 ? "the age T must be a positive number"
        : !double.IsFinite(recency) || recency < 0 ? "the recency t_x must be a number ≥ 0"
        : recency > age ? "the recency t_x is later than the age T"
        : !double.IsFinite(monetaryValue) || monetaryValue < 0 ? "the monetary value must be a number ≥ 0"
        : null;
}
