using System.Text.Json;

namespace OrbFixtures.TestSupport;

/// <summary>A machine as the simulator's own <c>list -f json</c> shows it (parsed here, not by the product's parser,
/// so the two check each other).</summary>
public sealed record SimMachine(string Id, string Name, string State)
{
    public static IReadOnlyList<SimMachine> ParseList(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Null
            ? []
            : document.RootElement.EnumerateArray()
                .Select(e => new SimMachine(e.GetProperty("id").GetString()!, e.GetProperty("name").GetString()!, e.GetProperty("state").GetString()!))
                .ToList();
    }

    public override string ToString() => $"{Name} ({Id}, {State})";
}
