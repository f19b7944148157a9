using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>An interaction of the file that passed the API's rules, for the customer with the given external id.</summary>
internal sealed record ImportedInteraction(long Line, string CustomerExternalId, PostInteraction Interaction);
