using Crm.Segmentation.Model.Rfm;
using Crm.Segmentation.Model.Value;

namespace Crm.Segmentation.Data;

/// <summary>The population's current cut points; null until the first full recompute has measured them.</summary>
public sealed record PopulationCuts(RfmBreakpoints? Rfm, ValueDeciles? ValueDeciles);
