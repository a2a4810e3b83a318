using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>
/// The optional JSON run report (<see cref="OrbFixturesOptions.ReportPath"/>): one entry per machine a provisioner was
/// asked for, with its spec (never its secrets), timings, attempts, adopted hangs, outcome and cleanup. Several
/// provisioners and processes may write one file: each merges its entries in under a lock file.
/// </summary>
internal static class RunReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static void Append(string path, string sessionId, int pid, IEnumerable<MachineJournal> journals)
    {
        var entries = journals.Select(j => Describe(j, sessionId, pid)).ToList();
        if (entries.Count == 0) return;
        var fullPath = Path.GetFullPath(path);
        using var _ = FileLock.Acquire(fullPath + ".lock", TimeSpan.FromSeconds(30));
        var machines = ReadMachines(fullPath);
        foreach (var entry in entries) machines.Add(entry);
        var report = new JsonObject { ["version"] = 1, ["machines"] = machines };
        AtomicFile.WriteAllText(fullPath, report.ToJsonString(s_json));
    }

    private static JsonArray ReadMachines(string path)
    {
        try
        {
            return File.Exists(path) && JsonNode.Parse(File.ReadAllText(path))?["machines"] is JsonArray existing
                ? (JsonArray)existing.DeepClone()
                : [];
        }
        catch (JsonException)
        {
            return []; // a damaged report is replaced rather than failing the test run
        }
    }

    private static JsonObject Describe(MachineJournal j, string sessionId, int pid)
    {
        var spec = j.Spec;
        var attempts = new JsonArray();
        foreach (var a in j.History.Attempts)
        {
            attempts.Add(new JsonObject
            {
                ["operation"] = a.Operation.ToString(),
                ["attempt"] = a.AttemptNumber,
                ["outcome"] = a.Outcome.ToString(),
                ["error"] = a.Error?.ToString(),
                ["exitCode"] = a.ExitCode,
                ["durationMs"] = Math.Round(a.Duration.TotalMilliseconds, 1),
                ["timeoutMs"] = a.Timeout.TotalMilliseconds,
            });
        }
        return new JsonObject
        {
            ["session"] = sessionId,
            ["pid"] = pid,
            ["logicalName"] = spec.LogicalName,
            ["name"] = j.Name,
            ["id"] = j.MachineId,
            ["spec"] = new JsonObject
            {
                ["image"] = spec.Image,
                ["arch"] = spec.Arch,
                ["user"] = spec.User,
                ["cloudInit"] = spec.UserData is not null || spec.UserDataFile is not null,
                ["readinessProbe"] = new JsonArray([.. spec.ReadinessProbe.Select(p => (JsonNode?)JsonValue.Create(p))]),
                ["cleanup"] = spec.Cleanup?.ToString(),
                ["reuse"] = spec.Reuse,
                ["hash"] = j.SpecHash,
            },
            ["startedAt"] = j.StartedAt,
            ["readyAfterMs"] = j.ReadyAfter is { } ready ? Math.Round(ready.TotalMilliseconds, 1) : null,
            ["outcome"] = j.Failure is null ? (j.ReadyAfter is null ? "unfinished" : "ready") : "failed",
            ["how"] = j.How,
            ["failure"] = j.Failure,
            ["createAttempts"] = j.CreateAttempts,
            ["hangsAdopted"] = j.HangsAdopted,
            ["cleanup"] = j.Cleanup,
            ["orbctlAttempts"] = attempts,
            ["notes"] = new JsonArray([.. j.History.Notes.Select(n => (JsonNode?)JsonValue.Create(
                string.Create(CultureInfo.InvariantCulture, $"{n.At:HH:mm:ss.fff} {n.Message}")))]),
        };
    }
}
