using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using Xunit;

namespace OrbFixtures.Tests.Diagnostics;

/// <summary>
/// The one text renderer: every event's sentence (one example of every event and every enum case), the failure block
/// (heading, time stamps, dropped marker, the CommandHistorySize marker), and the progress lines. The only place in
/// this project where wording is asserted.
/// </summary>
public sealed class EventTextTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 21, 38, 14, 778, TimeSpan.Zero);
    private static readonly string[] s_create = ["orbctl", "create", "ubuntu:24.04", "of-k3x9-db"];

    private static AttemptFinished Attempt(AttemptOutcome outcome, AttemptDecision decision, OrbCtlErrorKind? error = null,
        int? exit = 0, string stderr = "", string stdout = "", Operation operation = Operation.Create, int attempt = 1,
        TimeSpan? retryDelay = null) =>
        new(s_t0.AddSeconds(2), operation, attempt, s_create, s_t0, TimeSpan.FromMilliseconds(1500), TimeSpan.FromMinutes(10), exit,
            stdout, stderr, outcome, error, decision, retryDelay);

    private const string Head = "Create #1 `orbctl create ubuntu:24.04 of-k3x9-db` started 21:38:14.778, timeout 10 min, took 1.5 s: ";


    public static TheoryData<MachineEvent, string> Sentences() => new()
    {
        { new ProvisioningStarted(s_t0, "ubuntu:24.04 (probe: true)", "k3x9", "abc123"), "ensure ubuntu:24.04 (probe: true) (session k3x9, spec hash abc123)" },
        { new LookedUp(s_t0, null, null, null, null), "lookup: absent, so it will be created" },
        { new LookedUp(s_t0, "01J", "running", true, "this session created it"), "lookup: exists (ULID 01J, state running); ours: this session created it" },
        { new LookedUp(s_t0, "01J", "stopped", false, "another session's"), "lookup: exists (ULID 01J, state stopped); not ours: another session's" },
        { new OwnershipProven(s_t0, "01J", "it was made after our create began"), "ownership: 01J is ours: it was made after our create began" },
        { new IntentRecorded(s_t0), "ledger: recorded the intent to create (state creating) before running create" },
        { new WaitingForSharedName(s_t0), "another process is provisioning this shared machine; waiting for it" },
        { new GateEntered(s_t0, TimeSpan.FromMilliseconds(250), 2, 3), "gate: create slot taken after 250 ms (2 of 3 in use)" },
        { new CreateStarted(s_t0, "ubuntu:24.04", 1, 4, false, TimeSpan.FromSeconds(2)), "creating ubuntu:24.04 (attempt 1 of 4; watchdog polls every 2.0 s)" },
        { new CreateStarted(s_t0, "ubuntu:24.04", 2, 4, true, null), "creating ubuntu:24.04 (attempt 2 of 4, with cloud-init user data; watchdog off)" },
        // AttemptFinished: every outcome and every decision.
        { Attempt(AttemptOutcome.Succeeded, AttemptDecision.Done), Head + "succeeded -> done" },
        { Attempt(AttemptOutcome.Succeeded, AttemptDecision.Answered, OrbCtlErrorKind.NotFound, 1, "machine not found", operation: Operation.Info),
            "Info #1 `orbctl create ubuntu:24.04 of-k3x9-db` started 21:38:14.778, timeout 10 min, took 1.5 s: answered NotFound (exit 1): machine not found -> done: the machine does not exist" },
        { Attempt(AttemptOutcome.Succeeded, AttemptDecision.Answered, OrbCtlErrorKind.NotFound, 1, "", operation: Operation.Delete),
            "Delete #1 `orbctl create ubuntu:24.04 of-k3x9-db` started 21:38:14.778, timeout 10 min, took 1.5 s: answered NotFound (exit 1) -> done: the machine was already gone" },
        { Attempt(AttemptOutcome.Succeeded, AttemptDecision.Answered, OrbCtlErrorKind.AlreadyExists, 1), Head + "answered AlreadyExists (exit 1) -> done: the answer is AlreadyExists" },
        { Attempt(AttemptOutcome.Succeeded, AttemptDecision.Done, exit: 3, operation: Operation.Run),
            "Run #1 `orbctl create ubuntu:24.04 of-k3x9-db` started 21:38:14.778, timeout 10 min, took 1.5 s: completed with exit 3 -> done" },
        { Attempt(AttemptOutcome.Failed, AttemptDecision.Retry, OrbCtlErrorKind.Transient, 1, "missing IP address\n", retryDelay: TimeSpan.FromSeconds(1.8)),
            Head + "failed (Transient, exit 1): missing IP address -> retry in 1.8 s" },
        { Attempt(AttemptOutcome.Failed, AttemptDecision.Retry, OrbCtlErrorKind.MalformedOutput, 0, stdout: "{oops"),
            Head + "failed (MalformedOutput, exit 0): stdout '{oops' -> retry in 0 ms" },
        { Attempt(AttemptOutcome.Failed, AttemptDecision.GaveUpPermanent, null, 1), Head + "failed (Unknown, exit 1) -> give up: not transient" },
        { Attempt(AttemptOutcome.TimedOut, AttemptDecision.Reconcile, OrbCtlErrorKind.TimedOut, null), Head + "TIMED OUT (process tree killed) -> reconcile from info" },
        { Attempt(AttemptOutcome.TimedOut, AttemptDecision.GaveUpNotRetried, OrbCtlErrorKind.TimedOut, null, operation: Operation.Run),
            "Run #1 `orbctl create ubuntu:24.04 of-k3x9-db` started 21:38:14.778, timeout 10 min, took 1.5 s: TIMED OUT (process tree killed) -> give up: Run is not retried after TimedOut" },
        { Attempt(AttemptOutcome.Failed, AttemptDecision.GaveUpAttemptsExhausted, OrbCtlErrorKind.Transient, 1), Head + "failed (Transient, exit 1) -> give up: 1 attempt allowed" },
        { Attempt(AttemptOutcome.Failed, AttemptDecision.GaveUpAttemptsExhausted, OrbCtlErrorKind.Transient, 1, attempt: 4),
            "Create #4 `orbctl create ubuntu:24.04 of-k3x9-db` started 21:38:14.778, timeout 10 min, took 1.5 s: failed (Transient, exit 1) -> give up: 4 attempts" },
        { Attempt(AttemptOutcome.Failed, AttemptDecision.GaveUpBroken, null, null, "pipe broke"), Head + "failed (Unknown, exit none): pipe broke -> give up: running it failed" },
        { Attempt(AttemptOutcome.Cancelled, AttemptDecision.CancelledByCaller, exit: null), Head + "stopped (process tree killed) -> cancelled by the caller" },
        { Attempt(AttemptOutcome.Cancelled, AttemptDecision.KilledByWatchdog, exit: null), Head + "stopped (process tree killed) -> killed: the watchdog adopted the machine it made" },
        { Attempt(AttemptOutcome.Cancelled, AttemptDecision.KilledForForeignMachine, exit: null),
            Head + "stopped (process tree killed) -> killed: a machine that is not ours appeared under the name" },
        // Reconciling: every reason.
        { new Reconciling(s_t0, ReconcileReason.CreateSucceeded), "create exited 0; checking readiness" },
        { new Reconciling(s_t0, ReconcileReason.CreateTimedOut, TimeSpan.FromSeconds(30)), "create timed out after 30.0 s; reconciling from info" },
        { new Reconciling(s_t0, ReconcileReason.AlreadyExists), "create said the machine already exists; reconciling from info" },
        { new Reconciling(s_t0, ReconcileReason.UnreadableOutput), "create exited 0 but printed output OrbFixtures cannot read; reconciling from info" },
        // RetryScheduled: every reason.
        { new RetryScheduled(s_t0, Operation.Create, 2, 4, TimeSpan.FromSeconds(1), RetryReason.GoneAfterCreate),
            "the machine was gone right after create succeeded; retrying create in 1.0 s (attempt 2 of 4)" },
        { new RetryScheduled(s_t0, Operation.Create, 2, 4, TimeSpan.FromSeconds(1), RetryReason.AbsentAfterTimeout),
            "the machine does not exist after the create timed out; retrying create in 1.0 s (attempt 2 of 4)" },
        { new RetryScheduled(s_t0, Operation.Create, 3, 4, TimeSpan.FromSeconds(2), RetryReason.AbsentAfterAlreadyExists),
            "the machine does not exist although create said it already exists; retrying create in 2.0 s (attempt 3 of 4)" },
        { new RetryScheduled(s_t0, Operation.Create, 2, 4, TimeSpan.FromSeconds(1), RetryReason.AbsentAfterUnreadableOutput),
            "the machine does not exist after create printed unreadable output; retrying create in 1.0 s (attempt 2 of 4)" },
        { new RetryScheduled(s_t0, Operation.Create, 4, 4, TimeSpan.FromSeconds(4), RetryReason.TransientFailure, "Transient: \"missing IP\""),
            "create failed (Transient: \"missing IP\"); retrying create in 4.0 s (attempt 4 of 4)" },
        { new HangAdopted(s_t0, TimeSpan.FromSeconds(2)), "create hung after the machine was made; watchdog adopted it after 2.0 s and killed the create" },
        { new ForeignMachineSeen(s_t0, "its ULID is older than our create", TimeSpan.FromSeconds(3)),
            "a machine that is not ours appeared under the name while create ran; killed the create after 3.0 s: its ULID is older than our create" },
        { new ForeignMachineSeen(s_t0, "another session's"), "a machine that is not ours holds the name; left untouched: another session's" },
        { new StateObserved(s_t0, null, Unknown: OrbCtlErrorKind.DaemonNotRunning), "info could not tell (DaemonNotRunning); polling again" },
        { new StateObserved(s_t0, null), "info: the machine does not exist" },
        { new StateObserved(s_t0, "creating"), "info: state creating" },
        { new StateObserved(s_t0, "running", "192.168.138.7"), "info: state running, ip4 192.168.138.7" },
        { new WaitPolled(s_t0, WaitStrategyKind.Command, "pg_isready", 1, WaitFinding.Passed, 0), "wait for command [pg_isready], look 1: passed" },
        { new WaitPolled(s_t0, WaitStrategyKind.Command, "pg_isready", 2, WaitFinding.ExitedNonZero, 2, Output: "no response\n"),
            "wait for command [pg_isready], look 2: exited 2; saw: no response" },
        { new WaitPolled(s_t0, WaitStrategyKind.Command, "pg_isready", 3, WaitFinding.CouldNotRun, Error: OrbCtlErrorKind.TimedOut),
            "wait for command [pg_isready], look 3: could not run (TimedOut)" },
        { new WaitPolled(s_t0, WaitStrategyKind.CloudInit, "cloud-init status", 1, WaitFinding.CloudInitRunning, 0, Output: "status: running"),
            "wait for cloud-init, look 1: cloud-init has not finished; saw: status: running" },
        { new WaitPolled(s_t0, WaitStrategyKind.CloudInit, "cloud-init status", 1, WaitFinding.CloudInitFailed, 1, Output: "status: error"),
            "wait for cloud-init, look 1: cloud-init finished with an error; saw: status: error" },
        { new WaitPolled(s_t0, WaitStrategyKind.CloudInit, "cloud-init status", 1, WaitFinding.CloudInitMissing, 127, Output: "sh: 1: cloud-init: not found"),
            "wait for cloud-init, look 1: this image has no cloud-init (or it is disabled): use a cloud image or drop WaitFor.CloudInit(); saw: sh: 1: cloud-init: not found" },
        { new WaitPolled(s_t0, WaitStrategyKind.SystemdUnit, "nginx", 2, WaitFinding.UnitNotActive, 3, Output: "activating"),
            "wait for systemd unit nginx, look 2: the unit is not active; saw: activating" },
        { new WaitPolled(s_t0, WaitStrategyKind.Port, "5432", 1, WaitFinding.NotListening, 0, Output: "listening: 22"),
            "wait for port 5432 listening in the guest, look 1: nothing listens on it; saw: listening: 22" },
        { new WaitPolled(s_t0, WaitStrategyKind.Tcp, "127.0.0.1:8080", 1, WaitFinding.ConnectionFailed, Detail: "ConnectionRefused"),
            "wait for TCP connection to 127.0.0.1:8080, look 1: could not connect (ConnectionRefused)" },
        { new WaitPolled(s_t0, WaitStrategyKind.Http, "http://127.0.0.1:8080/health", 4, WaitFinding.UnexpectedStatus, HttpStatus: 503, Output: "warming up"),
            "wait for HTTP GET http://127.0.0.1:8080/health, look 4: answered status 503, not the one expected; body: warming up" },
        { new WaitPolled(s_t0, WaitStrategyKind.Http, "http://127.0.0.1:8080/", 1, WaitFinding.PredicateRejected, HttpStatus: 200, Output: "{}"),
            "wait for HTTP GET http://127.0.0.1:8080/, look 1: answered status 200; the predicate rejected the response; body: {}" },
        { new WaitPolled(s_t0, WaitStrategyKind.File, "/run/app.ready", 1, WaitFinding.FileMissing, 1),
            "wait for file /run/app.ready, look 1: does not exist" },
        { new WaitPolled(s_t0, WaitStrategyKind.LogLine, "/ready/ in journal", 2, WaitFinding.NoMatchingLine, 0, Output: "starting\nloading"),
            "wait for log line /ready/ in journal, look 2: no line matches; saw: starting | loading" },
        { new WaitPolled(s_t0, WaitStrategyKind.LogLine, "/ready/ in journal", 3, WaitFinding.Passed, 0, Output: "app ready"),
            "wait for log line /ready/ in journal, look 3: passed; line: app ready" },
        { new WaitGaveUp(s_t0, WaitStrategyKind.SystemdUnit, "nginx", 12, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), WaitGiveUpReason.TimedOut),
            "wait for systemd unit nginx gave up after 30.0 s and 12 looks: its timeout of 30.0 s passed" },
        { new WaitGaveUp(s_t0, WaitStrategyKind.File, "/run/x", 1, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), WaitGiveUpReason.ReadinessBudgetSpent),
            "wait for file /run/x gave up after 10 min and 1 look: the readiness budget of 10 min was spent" },
        { new WaitGaveUp(s_t0, WaitStrategyKind.CloudInit, "cloud-init status", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), WaitGiveUpReason.Unrecoverable),
            "wait for cloud-init gave up after 1.0 s and 1 look: what it saw cannot change by waiting" },
        { new StartingStoppedMachine(s_t0), "machine is stopped; starting it" },
        { new StartingStoppedMachine(s_t0, OrbCtlErrorKind.Transient), "start failed (Transient); polling on" },
        { new MachineReady(s_t0, ReadyVia.Created, "01J", TimeSpan.FromSeconds(2.5), "192.168.138.7"), "ready after 2.5 s (created, ip4 192.168.138.7)" },
        { new MachineReady(s_t0, ReadyVia.Adopted, "01J", TimeSpan.FromMilliseconds(80), null), "ready after 80 ms (adopted)" },
        { new MachineReady(s_t0, ReadyVia.Reused, "01J", TimeSpan.FromMilliseconds(80), null), "ready after 80 ms (reused)" },
        { new MachineReady(s_t0, ReadyVia.Watchdog, "01J", TimeSpan.FromSeconds(4), null), "ready after 4.0 s (watchdog)" },
        { new MachineReady(s_t0, ReadyVia.Reconciled, "01J", TimeSpan.FromMinutes(2), null), "ready after 2 min (reconciled)" },
        { new MachineReady(s_t0, ReadyVia.Cloned, "01J", TimeSpan.FromMilliseconds(900), null), "ready after 900 ms (cloned)" },
        { new ProvisioningFailed(s_t0, "gave up after 4 create attempts", OrbCtlErrorKind.Transient), "failed: gave up after 4 create attempts" },
        { new TestRequested(s_t0, Operation.Restart), "test asked to restart the machine" },
        { new TestFailed(s_t0, "Db_tests.I_can_query"), "test failed while using this machine: Db_tests.I_can_query" },
        // CleanedUp: every outcome.
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.Deleted), "deleted" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.Stopped), "stopped (cleanup policy Stop); a later run's reaper deletes it" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.Kept),
            "kept running and no longer tracked (cleanup policy Keep): reach it with `orbctl run -m of-k3x9-db <command>` or `ssh of-k3x9-db@orb`; delete it with `orbctl delete -f of-k3x9-db` when done" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.KeptForFailedTests, "Db_tests.I_can_query"),
            "kept running because Db_tests.I_can_query failed while using it: reach it with `orbctl run -m of-k3x9-db <command>` or `ssh of-k3x9-db@orb`; delete it with `orbctl delete -f of-k3x9-db` when done" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.KeptAfterFailedProvisioning, "KeepOnFailure"),
            "provisioning failed; the machine is kept for inspection (cleanup policy KeepOnFailure): reach it with `orbctl run -m of-k3x9-db <command>` or `ssh of-k3x9-db@orb`; delete it with `orbctl delete -f of-k3x9-db` when done" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.KeptForReuse), "kept running for reuse by a later run with the same spec" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.KeptForReuse, Count: 1), "kept running for reuse; 1 other session still leases it" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.KeptForReuse, Count: 2), "kept running for reuse; 2 other sessions still lease it" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.NotRecordedForReuse, "ULID 01K"),
            "not recorded for reuse: the ledger now records ULID 01K for this name; the record is left as it is" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.LeftAloneNotOurs, "its ULID changed"), "teardown: left of-k3x9-db alone: its ULID changed" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.AlreadyGone), "teardown: the machine no longer exists; removed its ledger record" },
        { new CleanedUp(s_t0, "of-k3x9-db", CleanupOutcome.Failed, "Unknown"), "could not clean up (Unknown); the ledger record stays for the next run's reaper" },
        // ReaperAction: every kind.
        { new ReaperAction(s_t0, "of-dead-db", ReaperActionKind.Deleted, "session 'dead' is gone"), "deleted of-dead-db (session 'dead' is gone)" },
        { new ReaperAction(s_t0, "of-dead-db", ReaperActionKind.RecordRemoved, "session 'dead' is gone"),
            "of-dead-db: session 'dead' is gone; the machine no longer exists, removed the record" },
        { new ReaperAction(s_t0, "of-dead-db", ReaperActionKind.RecordKeptCreateMayRun, "its create may still run"), "kept the record of of-dead-db: its create may still run" },
        { new ReaperAction(s_t0, "mydev", ReaperActionKind.NotOursRecordRemoved, "its ULID differs"),
            "left mydev alone, because its ULID differs; removed the record, which describes no machine that exists" },
        { new ReaperAction(s_t0, "mydev", ReaperActionKind.NotOursRecordKept, "its ULID differs"),
            "left mydev alone, because its ULID differs; the record stays until its create timeout" },
        { new ReaperAction(s_t0, "of-db", ReaperActionKind.BeingProvisioned), "of-db: a session is provisioning it right now; left alone" },
        { new ReaperAction(s_t0, "of-db", ReaperActionKind.LeasesPruned, Count: 1), "of-db: removed the leases of dead sessions; 1 left" },
        { new ReaperAction(s_t0, "of-db", ReaperActionKind.RecordChanged), "of-db: its record changed while the reaper worked on it; left for the next run" },
        { new ReaperAction(s_t0, "of-db", ReaperActionKind.CouldNotReap, "DaemonNotRunning"), "could not reap of-db (DaemonNotRunning); the record stays for the next run" },
        { new ReaperAction(s_t0, "dead", ReaperActionKind.SessionFolderRemoved), "removed the private folder of session 'dead', which no longer runs" },
        { new ReaperAction(s_t0, "dead", ReaperActionKind.SessionFolderNotRemoved, "access denied"), "could not remove the private folder of session 'dead': access denied" },
        { new ReaperAction(s_t0, null, ReaperActionKind.OtherWorldsLeftAlone, Count: 1), "left 1 record of other orbctl worlds alone (the runs against those worlds reap them)" },
        { new ReaperAction(s_t0, null, ReaperActionKind.DeadlineReached, "30.0 s", 3), "stopped after its deadline of 30.0 s; 3 records left for the next run" },
        { new ReaperAction(s_t0, null, ReaperActionKind.SweepFinished, Count: 2), "removed 2 machines left by dead sessions" },
        { new ReaperAction(s_t0, null, ReaperActionKind.UnreadableRecord, "'x.json': it is empty"), "ledger: skipped 'x.json': it is empty" },
        { new ReaperAction(s_t0, null, ReaperActionKind.SweepFailed, "permission denied"), "could not sweep the ledger (permission denied)" },
        { new ReaperAction(s_t0, "of-dead-db", ReaperActionKind.WouldDelete, "session 'dead' is gone"), "would delete of-dead-db (session 'dead' is gone)" },
        { new ReaperAction(s_t0, "of-dead-db", ReaperActionKind.WouldRemoveRecord, "session 'dead' is gone; the machine no longer exists"),
            "of-dead-db: session 'dead' is gone; the machine no longer exists; would remove the record" },
        { new ReaperAction(s_t0, "of-db", ReaperActionKind.WouldPruneLeases, Count: 1), "of-db: would remove the leases of dead sessions; 1 would be left" },
        { new ReaperAction(s_t0, "dead", ReaperActionKind.WouldRemoveSessionFolder), "would remove the private folder of session 'dead', which no longer runs" },
        { new ReaperAction(s_t0, null, ReaperActionKind.DryRunFinished, Count: 1), "dry run: would remove 1 machine left by dead sessions; nothing was changed" },
        { new ReaperAction(s_t0, "of-k-db", ReaperActionKind.LeftAloneKept), "left of-k-db alone: it is kept on purpose" },
        { new ReaperAction(s_t0, "of-a-db", ReaperActionKind.LeftAloneOwnerAlive, "session 'a' of process 7 on host"),
            "left of-a-db alone: its owner, session 'a' of process 7 on host, still runs" },
        { new ReaperAction(s_t0, "of-o-db", ReaperActionKind.LeftAloneOwnerElsewhere, "session 'o' of process 7 on other"),
            "left of-o-db alone: its owner, session 'o' of process 7 on other, runs on another host or PID namespace, where it cannot be judged dead" },
        { new ReaperAction(s_t0, "of-reuse-db", ReaperActionKind.LeftAloneLeased, Count: 2), "left of-reuse-db alone: 2 live sessions lease it" },
        { new ReaperAction(s_t0, "of-reuse-db", ReaperActionKind.LeftAloneWithinRetention, "unused for 5.0 s, retention 7 min"),
            "left of-reuse-db alone: a reusable machine unused for 5.0 s, retention 7 min" },
        { new CommandRan(s_t0, "db", ["true"], null, s_t0, TimeSpan.FromMilliseconds(5), 0, "", ""), "[db] $ true -> exit 0 in 5 ms" },
        { new Note(s_t0, "the machine disappeared while it was being adopted; creating it"), "the machine disappeared while it was being adopted; creating it" },
        { new HealthChecked(s_t0, HealthVerdict.Running, "01J", "running"), "health check: still running as 01J" },
        { new HealthChecked(s_t0, HealthVerdict.Gone), "health check: the machine no longer exists" },
        { new HealthChecked(s_t0, HealthVerdict.Replaced, "01K", "running"), "health check: another machine (01K) now holds the name" },
        { new HealthChecked(s_t0, HealthVerdict.NotRunning, "01J", "stopped"), "health check: not running (state stopped)" },
        // Templates: every event and every build reason.
        { new WaitingForTemplate(s_t0, "of-tpl-web-1a2b3c4d", TimeSpan.FromMinutes(40)),
            "template of-tpl-web-1a2b3c4d is being built by another process; waiting for it (at most 40 min)" },
        { new TemplateBuildStarted(s_t0, "of-tpl-web-1a2b3c4d", TemplateBuildReason.Missing), "building template of-tpl-web-1a2b3c4d (none is built yet)" },
        { new TemplateBuildStarted(s_t0, "of-tpl-web-1a2b3c4d", TemplateBuildReason.Rebuild),
            "building template of-tpl-web-1a2b3c4d (ORBFIXTURES_TEMPLATES=rebuild, and it was built before this run)" },
        { new TemplateDiscarded(s_t0, "of-tpl-web-1a2b3c4d", TemplateBuildReason.HalfBuilt),
            "deleted template of-tpl-web-1a2b3c4d: an earlier build did not finish, so it is never cloned from" },
        { new TemplateDiscarded(s_t0, "of-tpl-web-1a2b3c4d", TemplateBuildReason.NotStopped),
            "deleted template of-tpl-web-1a2b3c4d: it is no longer stopped, so its seal cannot be trusted" },
        { new SetupStepFinished(s_t0, 1, 2, ["apt-get", "install", "-y", "nginx"], 0, TimeSpan.FromSeconds(30)),
            "setup step 1 of 2 [apt-get install -y nginx] passed in 30.0 s" },
        { new SetupStepFinished(s_t0, 2, 2, ["make"], 2, TimeSpan.FromSeconds(3), "make: *** No targets"),
            "setup step 2 of 2 [make] exited 2 after 3.0 s: make: *** No targets" },
        { new SetupStepFinished(s_t0, 2, 2, ["make"], null, TimeSpan.FromMinutes(10), Error: OrbCtlErrorKind.TimedOut),
            "setup step 2 of 2 [make] could not run (TimedOut)" },
        { new TemplateSealed(s_t0, "of-tpl-web-1a2b3c4d", true), "sealed template of-tpl-web-1a2b3c4d: emptied /etc/machine-id and cleaned cloud-init" },
        { new TemplateSealed(s_t0, "of-tpl-web-1a2b3c4d", false), "sealed template of-tpl-web-1a2b3c4d: emptied /etc/machine-id" },
        { new TemplateBuilt(s_t0, "of-tpl-web-1a2b3c4d", "01J", TimeSpan.FromSeconds(42)),
            "template of-tpl-web-1a2b3c4d built in 42.0 s (ULID 01J), sealed and stopped" },
        { new TemplateReused(s_t0, "of-tpl-web-1a2b3c4d", "01J"), "template of-tpl-web-1a2b3c4d is ready (ULID 01J); cloning it" },
        { new Cloned(s_t0, "of-tpl-web-1a2b3c4d", "01J", TimeSpan.FromMilliseconds(120)), "cloned from template of-tpl-web-1a2b3c4d in 120 ms" },
        { new MachineConfigured(s_t0, "cpu", "2"), "set machine.cpu = 2 before its first start" },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Each_event_has_one_sentence(MachineEvent @event, string sentence) =>
        Assert.Equal(sentence, EventText.Describe(@event));

    [Fact]
    public void The_examples_cover_every_event_type_and_every_enum_case()
    {
        var events = Sentences().Select(row => (MachineEvent)row[0]).ToList();
        var types = typeof(MachineEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(MachineEvent)));
        Assert.All(types, t => Assert.Contains(events, e => e.GetType() == t));
        Assert.Equal(Enum.GetValues<AttemptDecision>(), events.OfType<AttemptFinished>().Select(a => a.Decision).Distinct().Order());
        Assert.Equal(Enum.GetValues<AttemptOutcome>(), events.OfType<AttemptFinished>().Select(a => a.Outcome).Distinct().Order());
        Assert.Equal(Enum.GetValues<ReconcileReason>(), events.OfType<Reconciling>().Select(r => r.Reason).Distinct().Order());
        Assert.Equal(Enum.GetValues<RetryReason>(), events.OfType<RetryScheduled>().Select(r => r.Reason).Distinct().Order());
        Assert.Equal(Enum.GetValues<ReadyVia>(), events.OfType<MachineReady>().Select(r => r.Via).Distinct().Order());
        Assert.Equal(Enum.GetValues<CleanupOutcome>(), events.OfType<CleanedUp>().Select(c => c.Outcome).Distinct().Order());
        Assert.Equal(Enum.GetValues<ReaperActionKind>(), events.OfType<ReaperAction>().Select(r => r.Action).Distinct().Order());
        Assert.Equal(Enum.GetValues<HealthVerdict>(), events.OfType<HealthChecked>().Select(h => h.Verdict).Distinct().Order());
        Assert.Equal(Enum.GetValues<TemplateBuildReason>(),
            events.OfType<TemplateBuildStarted>().Select(t => t.Reason).Concat(events.OfType<TemplateDiscarded>().Select(t => t.Reason)).Distinct().Order());
    }

    [Fact]
    public void A_command_shows_its_argv_user_exit_and_the_tails_of_its_output()
    {
        var ran = new CommandRan(s_t0, "db", ["psql", "-c", "select 1"], "postgres", s_t0, TimeSpan.FromMilliseconds(120), 1,
            "line 1\nline 2\n", "ERROR: nope\n");
        var lost = new CommandRan(s_t0, "db", ["sleep", "600"], null, s_t0, TimeSpan.FromSeconds(30), null, "", "timed out");

        Assert.Equal("[db] $ psql -c 'select 1'  (as postgres) -> exit 1 in 120 ms\nstdout: line 1\nstdout: line 2\nstderr: ERROR: nope",
            EventText.Describe(ran));
        Assert.Equal("[db] $ sleep 600 -> did not complete in 30.0 s\nstderr: timed out", EventText.Describe(lost));
    }

    [Fact]
    public void A_long_command_output_is_cut_to_its_last_400_characters()
    {
        var ran = new CommandRan(s_t0, "db", ["cat", "big"], null, s_t0, TimeSpan.FromMilliseconds(1), 0, new string('a', 1000) + "END", "");

        var stdout = EventText.Describe(ran).Split('\n')[1];

        Assert.Equal("stdout: ..." + new string('a', 397) + "END", stdout);
    }

    [Fact]
    public void Render_stamps_every_event_with_its_time_under_a_heading_and_indents_continuation_lines()
    {
        var log = new MachineLog("machine 'db' (of-k3x9-db)");
        log.Append(new CreateStarted(s_t0, "ubuntu:24.04", 1, 4, false, TimeSpan.FromSeconds(2)));
        log.Append(new HangAdopted(s_t0.AddMilliseconds(2012), TimeSpan.FromSeconds(2)));
        log.Append(new CommandRan(s_t0.AddSeconds(3), "db", ["true"], null, s_t0.AddSeconds(3), TimeSpan.FromMilliseconds(5), 0, "ok\n", ""));

        Assert.Equal(
            """
            machine 'db' (of-k3x9-db):
              21:38:14.778 creating ubuntu:24.04 (attempt 1 of 4; watchdog polls every 2.0 s)
              21:38:16.790 create hung after the machine was made; watchdog adopted it after 2.0 s and killed the create
              21:38:17.778 [db] $ true -> exit 0 in 5 ms
                  stdout: ok
            """.ReplaceLineEndings("\n"),
            EventText.Render(log).ReplaceLineEndings("\n"));
        Assert.Equal("21:38:16.790 create hung after the machine was made; watchdog adopted it after 2.0 s and killed the create",
            EventText.Line(log.Events[1]));
    }

    [Fact]
    public void An_empty_log_says_so() =>
        Assert.Equal("nothing:\n  (nothing recorded)", EventText.Render(new MachineLog("nothing")).ReplaceLineEndings("\n"));

    [Fact]
    public void Render_says_how_many_events_were_dropped_to_keep_the_log_bounded()
    {
        var log = new MachineLog("soak", capacity: 8);
        for (var i = 0; i < 10; i++) log.Append(new Note(s_t0.AddSeconds(i), $"n{i}"));

        var lines = EventText.Render(log).ReplaceLineEndings("\n").Split('\n');

        Assert.Equal("  (2 events in the middle were dropped to keep the log bounded)", lines[1]);
        Assert.Equal(1 + 1 + 8, lines.Length);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 4)]
    [InlineData(3, 2)]
    [InlineData(5, 0)]
    [InlineData(9, 0)]
    public void Render_shows_exactly_the_last_maxCommands_commands_and_counts_the_earlier_ones(int maxCommands, int hidden)
    {
        var log = new MachineLog("commands");
        log.Append(new IntentRecorded(s_t0));
        for (var i = 1; i <= 5; i++)
            log.Append(new CommandRan(s_t0.AddSeconds(i), "db", ["echo", $"c{i}"], null, s_t0.AddSeconds(i), TimeSpan.Zero, 0, "", ""));
        log.Append(new TestFailed(s_t0.AddSeconds(10), "T"));

        var lines = EventText.Render(log, maxCommands).ReplaceLineEndings("\n").Split('\n');

        var shown = lines.Where(l => l.Contains("[db] $ echo", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Skip(hidden).Select(i => $"c{i}"), shown.Select(l => l.Split("echo ")[1][..2]));
        var markers = lines.Where(l => l.Contains("not shown", StringComparison.Ordinal)).ToList();
        if (hidden == 0) Assert.Empty(markers);
        else Assert.Equal($"  ... {hidden} earlier command{(hidden == 1 ? "" : "s")} not shown ...", Assert.Single(markers));
        // Other events are never hidden, and the marker sits where the hidden commands were.
        Assert.Contains("ledger: recorded the intent", lines[1], StringComparison.Ordinal);
        Assert.Contains("test failed while using this machine: T", lines[^1], StringComparison.Ordinal);
        Assert.Equal(EventText.Render(log), EventText.Render(log, null));
    }

    [Fact]
    public void Progress_is_the_steps_a_person_waiting_wants_to_see_not_every_poll()
    {
        MachineEvent[] progress =
        [
            new LookedUp(s_t0, "01J", "running", true, "ours"), new WaitingForSharedName(s_t0),
            new CreateStarted(s_t0, "ubuntu", 1, 4, false, null), new RetryScheduled(s_t0, Operation.Create, 2, 4, TimeSpan.Zero, RetryReason.TransientFailure),
            new HangAdopted(s_t0, TimeSpan.Zero), new ForeignMachineSeen(s_t0, "x"), new MachineReady(s_t0, ReadyVia.Created, "01J", TimeSpan.Zero, null),
            new Reconciling(s_t0, ReconcileReason.CreateTimedOut), new StartingStoppedMachine(s_t0), new CleanedUp(s_t0, "x", CleanupOutcome.Deleted),
            new ReaperAction(s_t0, "x", ReaperActionKind.Deleted), new ReaperAction(s_t0, null, ReaperActionKind.SweepFinished, Count: 1),
            new ReaperAction(s_t0, null, ReaperActionKind.SweepFailed), new Note(s_t0, "x"),
            new WaitGaveUp(s_t0, WaitStrategyKind.Port, "80", 1, TimeSpan.Zero, TimeSpan.Zero, WaitGiveUpReason.TimedOut),
            new ReaperAction(s_t0, null, ReaperActionKind.SweepFailed), new Note(s_t0, "x"), new HealthChecked(s_t0, HealthVerdict.Gone),
        ];
        MachineEvent[] quiet =
        [
            new LookedUp(s_t0, null, null, null, null), new LookedUp(s_t0, "01J", "running", false, "not ours"), new IntentRecorded(s_t0),
            new GateEntered(s_t0, TimeSpan.Zero, 1, 2), new Reconciling(s_t0, ReconcileReason.CreateSucceeded), new StateObserved(s_t0, "creating"),
            new WaitPolled(s_t0, WaitStrategyKind.Command, "true", 1, WaitFinding.ExitedNonZero, 1), new StartingStoppedMachine(s_t0, OrbCtlErrorKind.Transient),
            new CleanedUp(s_t0, "x", CleanupOutcome.AlreadyGone), new ReaperAction(s_t0, null, ReaperActionKind.SweepFinished, Count: 0),
            new ReaperAction(s_t0, "x", ReaperActionKind.LeasesPruned), new TestFailed(s_t0, "T"), new TestRequested(s_t0, Operation.Stop),
            Attempt(AttemptOutcome.Succeeded, AttemptDecision.Done),
            new CommandRan(s_t0, "db", ["true"], null, s_t0, TimeSpan.Zero, 0, "", ""),
            new ProvisioningStarted(s_t0, "ubuntu", "k3x9", "h"), new OwnershipProven(s_t0, "01J", "ours"),
            new HealthChecked(s_t0, HealthVerdict.Running, "01J", "running"),
        ];

        Assert.All(progress, e => Assert.True(EventText.IsProgress(e), e.GetType().Name));
        Assert.All(quiet, e => Assert.False(EventText.IsProgress(e), e.GetType().Name));
    }

    [Fact]
    public void A_progress_line_is_the_subject_and_the_sentence_and_the_event_args_render_it()
    {
        var log = new MachineLog("machine 'db' (of-k3x9-db)");
        var hang = new HangAdopted(s_t0, TimeSpan.FromSeconds(2));

        Assert.Equal("machine 'db' (of-k3x9-db): create hung after the machine was made; watchdog adopted it after 2.0 s and killed the create",
            EventText.ProgressLine(log, hang));
        var args = new MachineEventArgs(log, hang);
        Assert.Equal(EventText.ProgressLine(log, hang), args.ToString());
        Assert.True(args.IsProgress);
        Assert.Same(log, args.Log);
        Assert.Same(hang, args.Event);
    }

    [Theory]
    [InlineData(850, "850 ms")]
    [InlineData(1800, "1.8 s")]
    [InlineData(2250, "2.25 s")]
    [InlineData(600_000, "10 min")]
    [InlineData(90_000, "1.5 min")]
    public void Durations_are_short(double milliseconds, string text) =>
        Assert.Equal(text, EventText.Duration(TimeSpan.FromMilliseconds(milliseconds)));
}
