using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrbFixtures.Simulator.Output;

/// <summary>JSON laid out like Go's <c>json.Encoder</c> with <c>SetIndent("", "  ")</c>: two-space indent, trailing newline.</summary>
internal static class GoJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
            JsonSerializer.Serialize(writer, value, typeInfo);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
