using System.Text.Json;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.Ownership;

namespace OrbFixtures.Provisioning;

/// <summary>
/// The optional JSON run report (<see cref="OrbFixturesOptions.ReportPath"/>): one entry per machine a provisioner was
/// asked for: its spec (never its secrets), a summary (outcome, how and when it became ready, creates, adopted hangs,
/// cleanup) and its events in the one JSON shape of <see cref="EventJson"/>. Several
/// provisioners and processes may write one file: each merges its entries in while holding the report file itself
/// open exclusively, so no lock file is left beside it.
/// </summary>
internal static class RunReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_lockRetryDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Merges the journals' entries into the report at <paramref name="path"/>.</summary>
    /// <returns>Where a file that was not a run report was kept before it was replaced, or <see langword="null"/>.</returns>
    public static string? Append(string path, string sessionId, int pid, IEnumerable<MachineJournal> journals)
    {
        var entries = journals.Select(j => Describe(j, sessionId, pid)).ToList();
        if (entries.Count == 0) return null;
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        using var file = OpenExclusive(fullPath);
        var existing = new StreamReader(file, leaveOpen: true).ReadToEnd();
        string? keptAs = null;
        if (Machines(existing) is not { } machines)
        {
            // Not a report (garbage, `[]`, someone else's JSON): keep it for whoever wants it, and start afresh
            // instead of failing the teardown that writes the report.
            keptAs = fullPath + ".corrupt";
            File.WriteAllText(keptAs, existing);
            machines = [];
        }
        foreach (var entry in entries) machines.Add(entry);
        var report = new JsonObject { ["version"] = 2, ["machines"] = machines };
        // Rewritten in place, inside the lock: a rename would replace the very file the lock is held on. A crash
        // mid-write leaves a damaged file, which the next write keeps as .corrupt and replaces.
        file.SetLength(0);
        using (var writer = new StreamWriter(file, leaveOpen: true)) writer.Write(report.ToJsonString(s_json));
        file.Flush(flushToDisk: true);
        return keptAs;
    }

    /// <summary>The report's machines; an empty array for an empty (new) file; <see langword="null"/> when the text is
    /// not a run report.</summary>
    private static JsonArray? Machines(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            return JsonNode.Parse(text) is JsonObject { } root && root["machines"] is JsonArray machines
                ? (JsonArray)machines.DeepClone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Opens the report with no sharing (an OS-level lock on every platform .NET supports), waiting briefly
    /// while another writer holds it: writes take milliseconds.</summary>
    private static FileStream OpenExclusive(string path)
    {
        var deadline = DateTime.UtcNow + s_lockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(path)) // held by another writer
            {
                Thread.Sleep(s_lockRetryDelay);
            }
        }
    }

    /// <summary>For a machine made from a template: which template, whether it was cloned, and whether this machine's
    /// provisioning built the template (and what the build cost); <see langword="null"/> otherwise.</summary>
    private static JsonObject? Template(IReadOnlyList<MachineEvent> events)
    {
        var built = events.OfType<TemplateBuilt>().LastOrDefault();
        var reused = events.OfType<TemplateReused>().LastOrDefault();
        var cloned = events.OfType<Cloned>().LastOrDefault();
        var name = built?.Template ?? reused?.Template ?? cloned?.Template;
        if (name is null && !events.OfType<SetupStepFinished>().Any()) return null;
        return new JsonObject
        {
            ["name"] = name,
            ["cloned"] = cloned is not null,
            ["built"] = built is not null,
            ["buildCostMs"] = built is null ? null : Math.Round(built.Cost.TotalMilliseconds, 1),
            ["cloneMs"] = cloned is null ? null : Math.Round(cloned.Took.TotalMilliseconds, 1),
        };
    }

    private static JsonObject Describe(MachineJournal j, string sessionId, int pid)
    {
        var spec = j.Spec;
        var events = j.Log.Events;
        var ready = events.OfType<MachineReady>().LastOrDefault();
        var failed = events.OfType<ProvisioningFailed>().LastOrDefault();
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
                ["readinessProbe"] = new JsonArray([.. spec.Redactor.Argv(spec.ReadinessProbe).Select(p => (JsonNode?)JsonValue.Create(p))]),
                ["cleanup"] = spec.Cleanup?.ToString(),
                ["reuse"] = spec.Reuse,
                ["hash"] = j.SpecHash,
            },
            ["startedAt"] = j.StartedAt,
            // The summary is what the events say; the events themselves follow in the one shape of EventJson.
            ["outcome"] = failed is not null ? "failed" : ready is null ? "unfinished" : "ready",
            ["readyVia"] = ready?.Via.ToString(),
            ["readyAfterMs"] = ready is null ? null : Math.Round(ready.After.TotalMilliseconds, 1),
            ["failure"] = failed?.Summary,
            ["createAttempts"] = events.OfType<CreateStarted>().Count(),
            ["hangsAdopted"] = events.OfType<HangAdopted>().Count(),
            ["kind"] = j.Kind == MachineKind.Template ? "template" : "machine",
            ["template"] = Template(events),
            ["cleanup"] = events.OfType<CleanedUp>().LastOrDefault()?.Outcome.ToString(),
            ["eventsDropped"] = j.Log.Dropped,
            ["events"] = EventJson.ToJson(events),
        };
    }
}
