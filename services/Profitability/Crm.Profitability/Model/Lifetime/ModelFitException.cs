namespace Crm.Profitability.Model.Lifetime;

/// <summary>
/// The data cannot support the model (too few customers, no repeat buyers, invalid rows, parameters running off to a
/// limit); the message says what was found and what to change, so it can be shown to the user as it is.
/// </summary>
public sealed class ModelFitException(string message) : Exception(message);
