using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestSupport;
using static OrbFixtures.Diagnostics.AttemptOutcome;
using static OrbFixtures.OrbCtlErrorKind;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>The cells of the fault matrix, row by row; FaultMatrixTests documents them as a table.</summary>
internal static class FaultMatrixCells
{
    public const int DelayMs = 300;

    public static IReadOnlyList<string> Operations { get; } = ["create", "start", "info", "run", "stop", "delete"];

    public static IReadOnlyList<MatrixCell> Row(string op) => op switch
    {
        "create" => Create(),
        "start" => Idempotent("start", Lifecycle.StopThenAdopt, Ending.ProvisioningFails,
            "a permanent start error while adopting fails at once"),
        "info" => Info(),
        "run" => [.. Run().Select(c => c with { Watchdog = false })],
        "stop" => Idempotent("stop", Lifecycle.StopThenAdopt, Ending.TeardownFails,
            "teardown reports it; the record stays, and the session's next ensure adopts and deletes the machine"),
        "delete" => Idempotent("delete", Lifecycle.Provision, Ending.TeardownFails,
            "teardown reports it; the record stays, and the next run's reaper deletes the machine"),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a row of the fault matrix."),
    };

    /// <summary>Daemon states, each in a world of its own (the state is global to the simulator).</summary>
    public static IReadOnlyList<MatrixCell> Daemon { get; } =
    [
        new("daemon", "stopped", Lifecycle.Provision,
            Specified.Ready("the first machine command starts OrbStack itself; provisioning proceeds"))
            { Daemon = new SimDaemon("Stopped", "Running", 0) },
        new("daemon", "starting", Lifecycle.Provision,
            Specified.Ready("DaemonNotRunning is retried until the service runs").Recorded(Failed, DaemonNotRunning))
            { Daemon = new SimDaemon("Starting", "Running", 2) },
        new("daemon", "never-up", Lifecycle.Provision,
            Specified.ProvisioningFails(DaemonNotRunning, "retried up to MaxAttempts, then a typed error; nothing created")
                .Recorded(Failed, DaemonNotRunning).Quoting())
            { Daemon = new SimDaemon("Starting", "Starting", 0), Quote = OrbctlTexts.ServicesStarting },
    ];

    private static List<MatrixCell> Create() =>
    [
        Cell("create", "hang-after-create", Lifecycle.Provision, FaultRule.HangAfterCreate(""),
            Specified.Ready("the watchdog adopts the machine within a poll interval and kills the hung create; no second create")
                .Recorded(Cancelled, decision: AttemptDecision.KilledByWatchdog).ReadyThrough(ReadyVia.Watchdog).Calls(1)),
        Cell("create", "hang", Lifecycle.Provision, FaultRule.Hang("create", ""),
            Specified.Ready("the create times out; reconciliation finds no machine, so it creates again")
                .RecordedTimedOut(AttemptDecision.Reconcile).Calls(2)),
        Cell("create", "transient", Lifecycle.Provision, FaultRule.Fail("create", "", OrbctlTexts.Transient("create"), 2),
            Specified.Ready("transient: retried with backoff").Recorded(Failed, Transient, AttemptDecision.Retry).Calls(3)),
        Cell("create", "permanent", Lifecycle.Provision, FaultRule.Fail("create", "", OrbctlTexts.Permanent("create"), null),
            Specified.ProvisioningFails(OrbCtlErrorKind.ImageNotFound, "permanent: fails after one attempt, quoting orbctl")
                .Recorded(Failed, OrbCtlErrorKind.ImageNotFound, AttemptDecision.GaveUpPermanent).Calls(1).Quoting()),
        Cell("create", "delay", Lifecycle.Provision, FaultRule.Delay("create", "", DelayMs), Specified.Ready("slow is not failed").Calls(1)),
        Cell("create", "garbage", Lifecycle.Provision, FaultRule.Garbage("create", ""),
            Specified.Ready("the outcome of the create is unknown: reconcile from info, which finds no machine, then create again")
                .Recorded(Failed, MalformedOutput, AttemptDecision.Reconcile).Calls(2)),
    ];

    private static List<MatrixCell> Info() =>
    [
        Cell("info", "hang", Lifecycle.Provision, FaultRule.Hang("info", ""),
            Specified.Ready("a hung query times out and is retried").RecordedTimedOut(AttemptDecision.Retry)),
        Cell("info", "transient", Lifecycle.Provision, FaultRule.Fail("info", "", OrbctlTexts.Transient("info"), 2),
            Specified.Ready("transient: retried").Recorded(Failed, Transient)),
        Cell("info", "permanent", Lifecycle.Provision, FaultRule.Fail("info", "", OrbctlTexts.Permanent("info"), null),
            Specified.ProvisioningFails(Unknown, "the lookup fails at once, quoting orbctl; nothing is created")
                .Recorded(Failed, Unknown, AttemptDecision.GaveUpPermanent).Calls(1).Quoting()),
        Cell("info", "delay", Lifecycle.Provision, FaultRule.Delay("info", "", DelayMs), Specified.Ready("slow is not failed")),
        Cell("info", "garbage", Lifecycle.Provision, FaultRule.Garbage("info", ""),
            Specified.Ready("malformed output of a query is retried").Recorded(Failed, MalformedOutput)),
    ];

    private static List<MatrixCell> Run() =>
    [
        Cell("run", "hang", Lifecycle.Provision, FaultRule.Hang("run", ""),
            Specified.Ready("the hung probe times out; the next probe passes").RecordedTimedOut()),
        Cell("run", "transient", Lifecycle.Provision, FaultRule.Fail("run", "", OrbctlTexts.Transient("run"), 2),
            Specified.Ready("a failing probe means not ready yet; polling goes on").Recorded(Failed, Transient)),
        Cell("run", "permanent", Lifecycle.Provision, FaultRule.Fail("run", "", OrbctlTexts.Permanent("run"), null),
            Specified.ProvisioningFails(OrbCtlErrorKind.TimedOut,
                "a probe that never passes means never ready: a typed error after the readiness budget; the machine is deleted")
                .Recorded(Failed, Unknown)),
        Cell("run", "delay", Lifecycle.Provision, FaultRule.Delay("run", "", DelayMs), Specified.Ready("slow is not failed")),
        Cell("run", "garbage", Lifecycle.Provision, FaultRule.Garbage("run", ""),
            Specified.Ready("a probe is judged by its exit code (0); the guest's stdout is not parsed").Recorded(Succeeded)),
    ];

    /// <summary>start, stop and delete: idempotent transitions, so timeouts and malformed output are retried.</summary>
    private static List<MatrixCell> Idempotent(string op, Lifecycle lifecycle, Ending permanentEnding, string permanentRule)
    {
        return
        [
            Cell(op, "hang", lifecycle, FaultRule.Hang(op, ""),
                Specified.Ready("an idempotent transition that hangs times out and is retried").RecordedTimedOut(AttemptDecision.Retry).Calls(2)),
            Cell(op, "transient", lifecycle, FaultRule.Fail(op, "", OrbctlTexts.Transient(op), 2),
                Specified.Ready("transient: retried").Recorded(Failed, Transient).Calls(3)),
            Cell(op, "permanent", lifecycle, FaultRule.Fail(op, "", OrbctlTexts.Permanent(op), op == "delete" ? 1 : null),
                new Specified(permanentEnding, $"permanent: one attempt, quoting orbctl; {permanentRule}") { Kind = Unknown }
                    .Recorded(Failed, Unknown, AttemptDecision.GaveUpPermanent).Calls(op == "delete" ? 2 : 1).Quoting()),
            Cell(op, "delay", lifecycle, FaultRule.Delay(op, "", DelayMs), Specified.Ready("slow is not failed").Calls(1)),
            Cell(op, "garbage", lifecycle, FaultRule.Garbage(op, ""),
                Specified.Ready("malformed output of an idempotent transition is retried").Recorded(Failed, MalformedOutput).Calls(2)),
        ];
    }

    private static MatrixCell Cell(string op, string label, Lifecycle lifecycle, FaultRule fault, Specified expect)
    {
        var cell = new MatrixCell(op, label, lifecycle, expect);
        return cell with { Fault = fault with { Machine = cell.Glob } };
    }
}
