using System.Text.Json;

namespace Crm.Segmentation.Model.Rules;

/// <summary>Reads one literal of a definition as a field's own type; false when it is not one the field compares with.</summary>
internal delegate bool LiteralReader<T>(JsonElement literal, out T value);
