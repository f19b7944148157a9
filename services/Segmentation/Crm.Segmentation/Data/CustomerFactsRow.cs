using Crm.Segmentation.Model;
using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Data;

/// <summary>One customer's facts as the API shows them and as segment rules read them.</summary>
public sealed record CustomerFactsRow(CustomerFactsView View, CustomerFacts Facts)
{
    public Guid CustomerId => View.CustomerId;
}
