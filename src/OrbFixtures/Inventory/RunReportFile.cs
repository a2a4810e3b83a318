using System.Text.Json;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;

namespace OrbFixtures.Inventory;

/// <summary>One machine of a run report: the summary a test run wrote and its events.</summary>
/// <param name="Session">The session that provisioned it.</param>
/// <param name="Name">The real machine name.</param>
/// <param name="LogicalName">The name tests use.</param>
/// <param name="Outcome"><c>ready</c>, <c>failed</c> or <c>unfinished</c>.</param>
/// <param name="StartedAt">When provisioning began.</param>
/// <param name="ReadyAfter">How long it took to be ready, when it became ready.</param>
/// <param name="ReadyVia">How it became ready (e.g. <c>Created</c>, <c>WatchdogAdopted</c>), when it did.</param>
/// <param name="Failure">Why provisioning failed, when it did.</param>
/// <param name="CreateAttempts">How many creates were started.</param>
/// <param name="HangsAdopted">How many hung creates the watchdog adopted.</param>
/// <param name="Cleanup">What teardown did, when it ran.</param>
/// <param name="Events">Its events, in time order (render them with <see cref="EventText"/>).</param>
public sealed record RunReportMachine(
    string Session,
    string Name,
    string LogicalName,
    string Outcome,
    DateTimeOffset? StartedAt,
    TimeSpan? ReadyAfter,
    string? ReadyVia,
    string? Failure,
    int CreateAttempts,
    int HangsAdopted,
    string? Cleanup,
    IReadOnlyList<MachineEvent> Events);

/// <summary>A run report (<c>ORBFIXTURES_REPORT</c>) read back into typed data.</summary>
/// <param name="Version">The report format.</param>
/// <param name="Machines">Its machines, in the order they were written.</param>
public sealed record RunReportFile(int Version, IReadOnlyList<RunReportMachine> Machines)
{
    /// <summary>The report format this version reads.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Reads the report at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a run report of <see cref="CurrentVersion"/> (what is wrong
    /// is named).</exception>
    public static RunReportFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"There is no run report at '{path}'.", path);
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw NotAReport(path, "it is not a JSON object");
            var version = root["version"]?.GetValue<int>() ?? throw NotAReport(path, "it has no version");
            if (version != CurrentVersion) throw NotAReport(path, $"it is of version {version}; this version reads {CurrentVersion}");
            var machines = root["machines"] as JsonArray ?? throw NotAReport(path, "it has no machines array");
            return new RunReportFile(version, [.. machines.Select(m => Machine(m as JsonObject ?? throw NotAReport(path, "a machine is not an object")))]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw NotAReport(path, e.Message);
        }
    }

    private static RunReportMachine Machine(JsonObject m) => new(
        Text(m, "session") ?? "",
        Text(m, "name") ?? "",
        Text(m, "logicalName") ?? "",
        Text(m, "outcome") ?? "unfinished",
        m["startedAt"]?.GetValue<DateTimeOffset>(),
        m["readyAfterMs"]?.GetValue<double>() is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Text(m, "readyVia"),
        Text(m, "failure"),
        m["createAttempts"]?.GetValue<int>() ?? 0,
        m["hangsAdopted"]?.GetValue<int>() ?? 0,
        Text(m, "cleanup"),
        m["events"] is JsonArray events ? EventJson.FromJson(events) : []);

    private static string? Text(JsonObject m, string key) => m[key]?.GetValue<string>();

    private static InvalidDataException NotAReport(string path, string why) => new($"'{path}' is not an OrbFixtures run report: {why}.");
}
