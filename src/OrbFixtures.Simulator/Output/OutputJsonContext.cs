using System.Text.Json.Serialization;

namespace OrbFixtures.Simulator.Output;

/// <summary>Source-generated serialisation of everything orbctl prints as JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(InfoJson))]
[JsonSerializable(typeof(List<RecordJson>))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
