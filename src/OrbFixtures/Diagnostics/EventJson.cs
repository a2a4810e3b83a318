using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrbFixtures.Diagnostics;

/// <summary>The one JSON shape of events (the run report's <c>events</c>): each event's properties in camelCase, its
/// kind in <c>type</c>, enums as names, durations in milliseconds.</summary>
public static class EventJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new MillisecondsConverter() },
    };

    /// <summary>The events as a JSON array.</summary>
    public static JsonArray ToJson(IEnumerable<MachineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var array = new JsonArray();
        foreach (var e in events) array.Add(JsonSerializer.SerializeToNode(e, s_options));
        return array;
    }

    /// <summary>Events read back from the JSON array <see cref="ToJson(IEnumerable{MachineEvent})"/> wrote.</summary>
    /// <exception cref="JsonException">An element is not an event of this version.</exception>
    public static IReadOnlyList<MachineEvent> FromJson(JsonArray events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Select(e => e.Deserialize<MachineEvent>(s_options) ?? throw new JsonException("An event is null."))];
    }

    /// <summary>The log as a JSON object: its subject, how many events it recorded and dropped, and its events.</summary>
    public static JsonObject ToJson(MachineLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new JsonObject
        {
            ["subject"] = log.Subject,
            ["totalRecorded"] = log.TotalRecorded,
            ["dropped"] = log.Dropped,
            ["events"] = ToJson(log.Events),
        };
    }

    // Durations as a number of milliseconds: what a script reading the report wants, in every language.
    private sealed class MillisecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromMilliseconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalMilliseconds, 1));
    }
}
