using System.Text.Json.Nodes;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>One machine of a nested run's JSON run report (<c>ORBFIXTURES_REPORT</c>): the typed facts a nested test
/// asserts instead of the sentences of the console or the TRX.</summary>
/// <param name="LogicalName">The spec's logical name.</param>
/// <param name="Name">The real machine name.</param>
/// <param name="Outcome"><c>ready</c>, <c>failed</c> or <c>unfinished</c>.</param>
/// <param name="Cleanup">The <see cref="Diagnostics.CleanupOutcome"/> name, or <see langword="null"/>.</param>
/// <param name="HangsAdopted">How many hung creates the watchdog adopted.</param>
/// <param name="Events">The events, in the one JSON shape (<see cref="Diagnostics.EventJson"/>).</param>
internal sealed record ReportedMachine(string LogicalName, string Name, string Outcome, string? Cleanup, int HangsAdopted,
    IReadOnlyList<JsonObject> Events)
{
    /// <summary>The subject of this machine's log, as its failure block and progress lines name it.</summary>
    public string Subject => $"machine '{LogicalName}' ({Name})";

    /// <summary>The events of one JSON <c>type</c> (e.g. <c>attemptFinished</c>).</summary>
    public IReadOnlyList<JsonObject> OfType(string type) => Events.Where(e => (string?)e["type"] == type).ToList();

    /// <summary>The machines of the report at <paramref name="path"/>.</summary>
    public static IReadOnlyList<ReportedMachine> Read(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["machines"]!.AsArray().Select(m => new ReportedMachine(
            (string)m!["logicalName"]!, (string)m["name"]!, (string)m["outcome"]!, (string?)m["cleanup"], (int)m["hangsAdopted"]!,
            m["events"]!.AsArray().Select(e => e!.AsObject()).ToList())).ToList();

    /// <summary>The one machine of the report with <paramref name="logicalName"/>.</summary>
    public static ReportedMachine Single(string path, string logicalName) => Read(path).Single(m => m.LogicalName == logicalName);
}
