using Crm.Customers.Model;

namespace Crm.Customers.Imports;

/// <summary>A customer of the file that passed the API's rules, with the consents the file grants.</summary>
internal sealed record ImportedCustomer(long Line, RegisterCustomer Profile, IReadOnlyList<GrantedConsent> Consents);
