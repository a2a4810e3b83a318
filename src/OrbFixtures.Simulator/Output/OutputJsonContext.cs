using System.Text.Json.Serialization;

namespace OrbFixtures.Simulator.Output;

/// <summary>
/// Source-generated serialisation of everything orbctl prints as JSON. Serialization-only mode emits direct
/// <see cref="System.Text.Json.Utf8JsonWriter"/> code, which keeps each short-lived process fast.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(InfoJson))]
[JsonSerializable(typeof(List<RecordJson>))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
