using System.Text.Json.Serialization;

namespace XenExtRegions.Cli.Rendering;

/// <summary>Source-generated System.Text.Json metadata for every document the tool writes (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonRegionsDocument))]
[JsonSerializable(typeof(JsonRegsDocument))]
[JsonSerializable(typeof(JsonTreeDocument))]
[JsonSerializable(typeof(JsonGuestDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
