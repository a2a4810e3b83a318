using System.Text.Json.Serialization;

namespace OrbFixtures.Simulator.State;

/// <summary>Source-generated serialisation of the state file (no reflection at startup).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
