using System.Text.Json;

namespace OrbFixtures.OrbCtl;

/// <summary>
/// Reads the JSON of <c>list -f json</c> and <c>info NAME -f json</c> leniently: both info shapes
/// (the <c>{"record":…}</c> wrapper of 1.10+ and the bare record before), nullable <c>disk_size</c>, absent
/// <c>ip4</c>/<c>ip6</c>, unknown fields ignored, unknown states kept raw. Only what makes the answer unusable
/// (not JSON, wrong shape, no name or state) is rejected, with a <see cref="FormatException"/> saying why.
/// </summary>
internal static class MachineJson
{
    /// <summary>Parses <c>list -f json</c>: an array of records (<c>null</c>, printed before mid-2023, means none).</summary>
    public static IReadOnlyList<MachineInfo> ParseList(string json)
    {
        using var doc = Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return [];
        if (root.ValueKind != JsonValueKind.Array)
            throw new FormatException($"expected a JSON array of machines, got a JSON {Describe(root.ValueKind)}");
        return root.EnumerateArray().Select((e, i) => ReadRecord(e, $"machine #{i + 1}", null)).ToList();
    }

    /// <summary>Parses <c>info NAME -f json</c> in either shape.</summary>
    public static MachineInfo ParseInfo(string json)
    {
        using var doc = Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected a JSON object describing one machine, got a JSON {Describe(root.ValueKind)}");
        if (!root.TryGetProperty("record", out var record)) return ReadRecord(root, "the machine", null);
        if (record.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected \"record\" to be an object, got a JSON {Describe(record.ValueKind)}");
        return ReadRecord(record, "the machine", root);
    }

    private static JsonDocument Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new FormatException("expected JSON, got no output");
        try { return JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException($"it is not valid JSON ({e.Message})", e); }
    }

    private static MachineInfo ReadRecord(JsonElement record, string what, JsonElement? wrapper)
    {
        if (record.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected {what} to be a JSON object, got a JSON {Describe(record.ValueKind)}");
        var name = RequiredString(record, "name", what);
        var rawState = RequiredString(record, "state", what);
        var image = record.TryGetProperty("image", out var img) && img.ValueKind == JsonValueKind.Object
            ? new MachineImage(OptionalString(img, "distro") ?? "", OptionalString(img, "version") ?? "",
                OptionalString(img, "arch") ?? "", OptionalString(img, "variant") ?? "")
            : new MachineImage("", "", "", "");
        var user = record.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            ? OptionalString(config, "default_username")
            : null;
        var builtin = record.TryGetProperty("builtin", out var b) && b.ValueKind == JsonValueKind.True;
        long? diskSize = null;
        string? ip4 = null, ip6 = null;
        if (wrapper is { } w)
        {
            diskSize = OptionalSize(w, "disk_size");
            ip4 = NonEmpty(OptionalString(w, "ip4"));
            ip6 = NonEmpty(OptionalString(w, "ip6"));
        }
        return new MachineInfo(OptionalString(record, "id") ?? "", name, MachineStates.Parse(rawState), rawState,
            image, NonEmpty(user), builtin, diskSize, ip4, ip6);
    }

    private static string RequiredString(JsonElement obj, string property, string what)
    {
        var value = OptionalString(obj, property);
        return string.IsNullOrEmpty(value) ? throw new FormatException($"{what} has no \"{property}\"") : value;
    }

    private static string? OptionalString(JsonElement obj, string property)
    {
        if (!obj.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"expected \"{property}\" to be a string, got a JSON {Describe(value.ValueKind)}");
    }

    private static long? OptionalSize(JsonElement obj, string property)
    {
        if (!obj.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var size) && size >= 0
            ? size
            : throw new FormatException($"expected \"{property}\" to be a byte count or null, got {value.GetRawText()}");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
