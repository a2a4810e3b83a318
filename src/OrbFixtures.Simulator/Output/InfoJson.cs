using System.Text.Json.Serialization;

namespace OrbFixtures.Simulator.Output;

/// <summary>The ≥1.11 <c>info -f json</c> wrapper: disk_size may be null, ip4/ip6 are omitted when unknown.</summary>
internal sealed record InfoJson(
    RecordJson Record,
    long? DiskSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ip4,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ip6);
