using Crm.Segmentation.Model.Rules;

namespace Crm.Segmentation.Data;

public sealed record CompiledSegment(Guid Id, string Name, int Version, ParsedRule Rule);
