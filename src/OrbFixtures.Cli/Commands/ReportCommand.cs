using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OrbFixtures.Diagnostics;
using OrbFixtures.Inventory;

namespace OrbFixtures.Cli.Commands;

/// <summary><c>orbfixtures report FILE</c>: a run report (<c>ORBFIXTURES_REPORT</c>) for a person: per machine its
/// summary and timeline (each event as <see cref="EventText"/> renders it), the slowest <c>orbctl</c> attempts, and one
/// summary line for CI logs. Exit 1 when the file is missing or not a run report.</summary>
internal sealed class ReportCommand : ICliCommand
{
    private const int SlowestShown = 5;

    private static readonly Argument<FileInfo> s_file = new("FILE") { Description = "The run report (the file ORBFIXTURES_REPORT named)." };

    public Command Create(CliContext context)
    {
        var command = new Command("report",
            "Render a run report (ORBFIXTURES_REPORT) for a person: per machine its timeline (time to ready, attempts, hangs " +
            "adopted, retries, cleanup), the slowest operations, and a one-line summary for CI logs.") { s_file };
        command.SetAction(parsed => context.RunAsync(() => Task.FromResult(Render(context, parsed))));
        return command;
    }

    private static int Render(CliContext context, ParseResult parsed)
    {
        var path = parsed.GetValue(s_file)!.FullName;
        RunReportFile report;
        try
        {
            report = RunReportFile.Read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return context.Fail(ExitCodes.Problem, e.Message);
        }
        var summary = Summarize(report);
        if (parsed.GetValue(CliContext.Json)) context.WriteJson(Json(report, summary));
        else WriteText(context.Out, report, summary);
        return ExitCodes.Ok;
    }

    private static Summary Summarize(RunReportFile report)
    {
        var attempts = report.Machines
            .SelectMany(m => m.Events.OfType<AttemptFinished>().Select(a => (Machine: m.Name, Attempt: a)))
            .OrderByDescending(x => x.Attempt.Duration).ThenBy(x => x.Machine, StringComparer.Ordinal)
            .Take(SlowestShown).ToList();
        return new Summary(
            report.Machines.Count,
            report.Machines.Count(m => m.Outcome == "ready"),
            report.Machines.Count(m => m.Outcome == "failed"),
            report.Machines.Sum(m => m.HangsAdopted),
            report.Machines.Sum(m => m.Events.OfType<RetryScheduled>().Count()),
            attempts);
    }

    private static void WriteText(TextWriter o, RunReportFile report, Summary s)
    {
        foreach (var m in report.Machines)
        {
            var ready = m.ReadyAfter is { } after ? $"ready after {EventText.Duration(after)} ({m.ReadyVia})" : m.Outcome;
            o.WriteLine(Invariant($"machine '{m.LogicalName}' ({m.Name}), session {m.Session}: {ready}; {m.CreateAttempts} create attempt(s), ") +
                        Invariant($"{m.HangsAdopted} hang(s) adopted, {m.Events.OfType<RetryScheduled>().Count()} retr(ies); cleanup: {m.Cleanup ?? "none"}"));
            if (m.Failure is { } failure) o.WriteLine($"  failed: {failure}");
            foreach (var e in m.Events)
                foreach (var line in EventText.Line(e).Split('\n')) o.WriteLine("  " + line);
            o.WriteLine();
        }
        if (s.Slowest.Count > 0)
        {
            o.WriteLine("slowest orbctl attempts:");
            foreach (var (machine, a) in s.Slowest)
                o.WriteLine(Invariant($"  {EventText.Duration(a.Duration),8}  {a.Operation} #{a.Attempt} of {machine} ({a.Outcome})"));
            o.WriteLine();
        }
        o.WriteLine(Line(s));
    }

    /// <summary>The one line for CI logs.</summary>
    private static string Line(Summary s) =>
        Invariant($"orbfixtures report: {s.Machines} machine(s), {s.Ready} ready, {s.Failed} failed, {s.HangsAdopted} hang(s) adopted, ") +
        Invariant($"{s.Retries} retr(ies)") +
        (s.Slowest.Count > 0 ? Invariant($"; slowest: {s.Slowest[0].Attempt.Operation} of {s.Slowest[0].Machine} {EventText.Duration(s.Slowest[0].Attempt.Duration)}") : "");

    private static JsonObject Json(RunReportFile report, Summary s) => new()
    {
        ["summary"] = new JsonObject
        {
            ["machines"] = s.Machines,
            ["ready"] = s.Ready,
            ["failed"] = s.Failed,
            ["hangsAdopted"] = s.HangsAdopted,
            ["retries"] = s.Retries,
            ["line"] = Line(s),
        },
        ["machines"] = new JsonArray([.. report.Machines.Select(m => (JsonNode?)new JsonObject
        {
            ["name"] = m.Name,
            ["logicalName"] = m.LogicalName,
            ["session"] = m.Session,
            ["outcome"] = m.Outcome,
            ["readyAfterMs"] = m.ReadyAfter is { } after ? Math.Round(after.TotalMilliseconds, 1) : null,
            ["readyVia"] = m.ReadyVia,
            ["failure"] = m.Failure,
            ["createAttempts"] = m.CreateAttempts,
            ["hangsAdopted"] = m.HangsAdopted,
            ["retries"] = m.Events.OfType<RetryScheduled>().Count(),
            ["cleanup"] = m.Cleanup,
            ["timeline"] = new JsonArray([.. m.Events.Select(e => (JsonNode?)EventText.Line(e))]),
        })]),
        ["slowest"] = new JsonArray([.. s.Slowest.Select(x => (JsonNode?)new JsonObject
        {
            ["machine"] = x.Machine,
            ["operation"] = x.Attempt.Operation.ToString(),
            ["attempt"] = x.Attempt.Attempt,
            ["durationMs"] = Math.Round(x.Attempt.Duration.TotalMilliseconds, 1),
            ["outcome"] = x.Attempt.Outcome.ToString(),
        })]),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Summary(int Machines, int Ready, int Failed, int HangsAdopted, int Retries,
        IReadOnlyList<(string Machine, AttemptFinished Attempt)> Slowest);
}
