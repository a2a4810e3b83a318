using System.Text.Json;

namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// Typed, strict access to the members of one scenario JSON object. Every problem names the member's path
/// (e.g. <c>faults[1].delayMs</c>) and the rule it broke.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string _path;

    public JsonFields(JsonElement element, string path, params string[] allowedKeys)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ScenarioException($"'{Display(path)}' must be an object");
        foreach (var property in element.EnumerateObject())
        {
            if (!allowedKeys.Contains(property.Name, StringComparer.Ordinal))
                throw new ScenarioException(
                    $"unknown key '{Join(path, property.Name)}' (expected one of: {string.Join(", ", allowedKeys)})");
        }

        _element = element;
        _path = path;
    }

    public bool Has(string key) => _element.TryGetProperty(key, out _);

    public string PathOf(string key) => Join(_path, key);

    public JsonElement? Element(string key) => _element.TryGetProperty(key, out var value) ? value : null;

    public string? String(string key)
    {
        if (Element(key) is not { } value) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ScenarioException($"'{PathOf(key)}' must be a string (got {value.GetRawText()})");
    }

    public string? OneOf(string key, IEnumerable<string> allowed)
    {
        var value = String(key);
        if (value is null || allowed.Contains(value, StringComparer.Ordinal)) return value;
        throw new ScenarioException($"'{PathOf(key)}' must be one of {string.Join(", ", allowed)} (got '{value}')");
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Integer(string key, int min = 0, int max = int.MaxValue)
    {
        if (Element(key) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            var rule = min == 0 && max == int.MaxValue ? "a non-negative integer" : $"an integer from {min} to {max}";
            throw new ScenarioException($"'{PathOf(key)}' must be {rule} (got {value.GetRawText()})");
        }

        return (int)number;
    }

    public bool? Boolean(string key)
    {
        if (Element(key) is not { } value) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ScenarioException($"'{PathOf(key)}' must be true or false (got {value.GetRawText()})"),
        };
    }

    public IReadOnlyList<string>? Strings(string key)
    {
        if (Element(key) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new ScenarioException($"'{PathOf(key)}' must be an array of strings");
        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(string key)
    {
        if (Element(key) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new ScenarioException($"'{PathOf(key)}' must be an array");
        return value.EnumerateArray().Select((item, i) => (item, $"{PathOf(key)}[{i}]"));
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Display(string path) => path.Length == 0 ? "(root)" : path;
}
