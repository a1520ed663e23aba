using System.Text.Encodings.Web;
using System.Text.Json;
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
[JsonSerializable(typeof(JsonBootDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same metadata with an encoder that leaves '&gt;', '&lt;', '&amp;' and '+' as they are: our documents are
    /// read by people and tools, not embedded in HTML, and Xen's "S-&gt;E" should read as Xen prints it.
    /// </summary>
    public static CliJsonContext Relaxed { get; } = CreateRelaxed();

    private static CliJsonContext CreateRelaxed()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return new CliJsonContext(options);
    }
}
