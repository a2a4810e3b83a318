using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using Xunit;

namespace OrbFixtures.Tests.Cli;

/// <summary><c>orbfixtures report FILE</c>: a run report read back into typed events, per machine its summary and
/// timeline, the slowest attempts, and one summary line for CI logs.</summary>
public sealed class ReportCommandTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 2, 22, 0, 0, TimeSpan.Zero);

    private static AttemptFinished Attempt(Operation operation, int attempt, double seconds, AttemptDecision decision) =>
        new(s_t0.AddSeconds(seconds), operation, attempt, ["orbctl", operation.ToString().ToLowerInvariant()], s_t0,
            TimeSpan.FromSeconds(seconds), TimeSpan.FromMinutes(10), 0, "", "", AttemptOutcome.Succeeded, null, decision);

    /// <summary>A report of two machines as a test run writes it: one made ready after a hung create and a retry, one
    /// that failed.</summary>
    private static string WriteReport(string directory)
    {
        MachineEvent[] db =
        [
            new CreateStarted(s_t0, "ubuntu:24.04", 1, 4, false, TimeSpan.FromSeconds(1)),
            Attempt(Operation.Create, 1, 12.5, AttemptDecision.Retry),
            new RetryScheduled(s_t0.AddSeconds(13), Operation.Create, 2, 4, TimeSpan.FromSeconds(1), RetryReason.TransientFailure, "Transient"),
            new HangAdopted(s_t0.AddSeconds(20), TimeSpan.FromSeconds(2)),
            new MachineReady(s_t0.AddSeconds(21), ReadyVia.Watchdog, "01KAAAAAAAAAAAAAAAAAAAAAAA", TimeSpan.FromSeconds(21), null),
        ];
        MachineEvent[] web = [Attempt(Operation.Info, 1, 0.2, AttemptDecision.Done), new ProvisioningFailed(s_t0.AddSeconds(1), "image not found", OrbCtlErrorKind.ImageNotFound)];
        var report = new JsonObject
        {
            ["version"] = 2,
            ["machines"] = new JsonArray(
                Machine("of-k3x9-db", "db", "ready", 21_000, 2, 1, db),
                Machine("of-k3x9-web", "web", "failed", null, 0, 0, web)),
        };
        var path = Path.Combine(directory, "report.json");
        File.WriteAllText(path, report.ToJsonString());
        return path;
    }

    private static JsonObject Machine(string name, string logical, string outcome, double? readyAfterMs, int creates, int hangs, MachineEvent[] events) => new()
    {
        ["session"] = "k3x9",
        ["name"] = name,
        ["logicalName"] = logical,
        ["startedAt"] = s_t0,
        ["outcome"] = outcome,
        ["readyVia"] = readyAfterMs is null ? null : "Watchdog",
        ["readyAfterMs"] = readyAfterMs,
        ["createAttempts"] = creates,
        ["hangsAdopted"] = hangs,
        ["cleanup"] = outcome == "ready" ? "Deleted" : null,
        ["events"] = EventJson.ToJson(events),
    };

    [Fact]
    public async Task A_run_report_becomes_timelines_the_slowest_attempts_and_a_summary()
    {
        await using var bed = new CliBed();
        var path = WriteReport(bed.World.Sandbox.Root);

        var json = await bed.RunAsync("report", path, "--json");
        var text = await bed.RunAsync("report", path);

        Assert.Equal(0, json.ExitCode);
        var summary = json.Json["summary"]!;
        Assert.Equal([2, 1, 1, 1, 1], new[] { "machines", "ready", "failed", "hangsAdopted", "retries" }.Select(k => (int)summary[k]!));
        var machines = json.Json["machines"]!.AsArray();
        Assert.Equal([5, 2], machines.Select(m => m!["timeline"]!.AsArray().Count));
        Assert.Equal(21_000, (double)machines[0]!["readyAfterMs"]!);
        Assert.Equal([("of-k3x9-db", "Create", 12_500.0), ("of-k3x9-web", "Info", 200.0)],
            json.Json["slowest"]!.AsArray().Select(s => ((string)s!["machine"]!, (string)s["operation"]!, (double)s["durationMs"]!)));
        Assert.Equal(0, text.ExitCode);
        // The text ends with the same one-line summary for CI logs.
        Assert.Equal((string?)summary["line"], text.Output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task A_file_that_is_missing_or_not_a_run_report_exits_1_naming_the_file()
    {
        await using var bed = new CliBed();
        var notAReport = Path.Combine(bed.World.Sandbox.Root, "other.json");
        File.WriteAllText(notAReport, "[1, 2]");
        var missing = Path.Combine(bed.World.Sandbox.Root, "missing.json");

        var wrong = await bed.RunAsync("report", notAReport);
        var absent = await bed.RunAsync("report", missing);

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains(notAReport, wrong.Error, StringComparison.Ordinal);
        Assert.Equal(1, absent.ExitCode);
        Assert.Contains(missing, absent.Error, StringComparison.Ordinal);
    }
}
