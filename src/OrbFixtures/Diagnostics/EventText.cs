using System.Globalization;
using System.Text;

namespace OrbFixtures.Diagnostics;

/// <summary>
/// The one place where events become sentences: the failure block (<see cref="Render(MachineLog, int?)"/>), the
/// progress lines (<see cref="ProgressLine"/>) and the echo of a command (<see cref="Describe(MachineEvent)"/> of a
/// <see cref="CommandRan"/>) all use the sentence written here for each event.
/// </summary>
public static class EventText
{
    private const int CommandTailCharacters = 400;

    /// <summary>A heading and one line per event, in time order, each stamped with its time:
    /// <code>
    /// machine 'db' (of-k3x9-db):
    ///   21:38:14.778 creating ubuntu:24.04 (attempt 1 of 4; watchdog polls every 2.0 s)
    ///   21:38:16.790 create hung after the machine was made; watchdog adopted it after 2.0 s and killed the create
    /// </code>
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="maxCommands">How many of the most recent <see cref="CommandRan"/> events to show (the older ones are
    /// counted in one line); <see langword="null"/> shows all.</param>
    public static string Render(MachineLog log, int? maxCommands = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var events = log.Events;
        var commands = events.Count(e => e is CommandRan);
        var hiddenCommands = maxCommands is { } max ? Math.Max(0, commands - Math.Max(0, max)) : 0;
        var sb = new StringBuilder();
        sb.Append(log.Subject).Append(':').AppendLine();
        if (events.Count == 0) sb.AppendLine("  (nothing recorded)");
        if (log.Dropped > 0)
            sb.Append(CultureInfo.InvariantCulture, $"  ({log.Dropped} events in the middle were dropped to keep the log bounded)").AppendLine();
        var seenCommands = 0;
        foreach (var e in events)
        {
            if (e is CommandRan && seenCommands++ < hiddenCommands)
            {
                if (seenCommands == hiddenCommands)
                    sb.Append(CultureInfo.InvariantCulture, $"  ... {hiddenCommands} earlier command{Plural(hiddenCommands)} not shown ...").AppendLine();
                continue;
            }
            AppendLine(sb, "  ", e);
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>One event as a line with its time (continuation lines indented), e.g.
    /// <c>21:38:16.790 create hung after the machine was made; ...</c>.</summary>
    public static string Line(MachineEvent @event)
    {
        var sb = new StringBuilder();
        AppendLine(sb, "", @event);
        return sb.ToString().TrimEnd();
    }

    /// <summary>Whether an event is worth a progress line (shown while a run is going): steps a person waiting for
    /// machines wants to see, not every poll.</summary>
    public static bool IsProgress(MachineEvent @event) => @event switch
    {
        LookedUp { Ours: true } => true,
        WaitingForSharedName or CreateStarted or RetryScheduled or HangAdopted or WaitGaveUp or ForeignMachineSeen or MachineReady => true,
        Reconciling r => r.Reason != ReconcileReason.CreateSucceeded,
        StartingStoppedMachine { StartFailed: null } => true,
        CleanedUp c => c.Outcome != CleanupOutcome.AlreadyGone,
        ReaperAction r => r.Action is ReaperActionKind.Deleted or ReaperActionKind.RecordKeptCreateMayRun
            or ReaperActionKind.NotOursRecordKept or ReaperActionKind.NotOursRecordRemoved or ReaperActionKind.CouldNotReap
            or ReaperActionKind.DeadlineReached or ReaperActionKind.UnreadableRecord or ReaperActionKind.SweepFailed
            || r is { Action: ReaperActionKind.SweepFinished, Count: > 0 },
        Note => true,
        HealthChecked h => h.Verdict != HealthVerdict.Running,
        WaitingForTemplate or TemplateBuildStarted or SetupStepFinished or TemplateBuilt or TemplateDiscarded or Cloned => true,
        _ => false,
    };

    /// <summary>The progress line of an event: <c>{subject}: {sentence}</c>, e.g. <c>machine 'db' (of-k3x9-db): create
    /// hung after the machine was made; watchdog adopted it after 2.0 s and killed the create</c>.</summary>
    public static string ProgressLine(MachineLog log, MachineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(log);
        return $"{log.Subject}: {Describe(@event)}";
    }

    /// <summary>The sentence of one event, without its time. A <see cref="CommandRan"/> spans several lines (its output
    /// tails).</summary>
    public static string Describe(MachineEvent @event) => @event switch
    {
        null => throw new ArgumentNullException(nameof(@event)),
        ProvisioningStarted e => $"ensure {e.Spec} (session {e.SessionId}, spec hash {e.SpecHash})",
        LookedUp { Id: null } => "lookup: absent, so it will be created",
        LookedUp e => $"lookup: exists (ULID {e.Id}, state {e.State}); {(e.Ours == true ? "ours" : "not ours")}: {e.Reason}",
        OwnershipProven e => $"ownership: {e.Id} is ours: {e.Reason}",
        IntentRecorded => "ledger: recorded the intent to create (state creating) before running create",
        WaitingForSharedName => "another process is provisioning this shared machine; waiting for it",
        GateEntered e => Invariant($"gate: create slot taken after {Duration(e.Waited)} ({e.InUse} of {e.Limit} in use)"),
        CreateStarted e => Invariant($"creating {e.Image} (attempt {e.Attempt} of {e.MaxAttempts}") +
                           (e.WithUserData ? ", with cloud-init user data" : "") +
                           (e.WatchdogPoll is { } poll ? $"; watchdog polls every {Duration(poll)})" : "; watchdog off)"),
        AttemptFinished e => Attempt(e),
        Reconciling e => e.Reason switch
        {
            ReconcileReason.CreateTimedOut => $"create timed out after {Duration(e.Timeout ?? TimeSpan.Zero)}; reconciling from info",
            ReconcileReason.AlreadyExists => "create said the machine already exists; reconciling from info",
            ReconcileReason.UnreadableOutput => "create exited 0 but printed output OrbFixtures cannot read; reconciling from info",
            _ => "create exited 0; checking readiness",
        },
        RetryScheduled e => Invariant($"{Reason(e.Reason, e.Operation, e.Detail)}; retrying {Lower(e.Operation)} in {Duration(e.Delay)} (attempt {e.NextAttempt} of {e.MaxAttempts})"),
        HangAdopted e => $"create hung after the machine was made; watchdog adopted it after {Duration(e.After)} and killed the create",
        ForeignMachineSeen { CreateKilledAfter: { } after } e =>
            $"a machine that is not ours appeared under the name while create ran; killed the create after {Duration(after)}: {e.Reason}",
        ForeignMachineSeen e => $"a machine that is not ours holds the name; left untouched: {e.Reason}",
        StateObserved { Unknown: { } kind } => $"info could not tell ({kind}); polling again",
        StateObserved { State: null } => "info: the machine does not exist",
        StateObserved e => $"info: state {e.State}{(e.IPv4 is null ? "" : $", ip4 {e.IPv4}")}",
        WaitPolled e => Look(e),
        WaitGaveUp e => GaveUp(e),
        StartingStoppedMachine { StartFailed: { } kind } => $"start failed ({kind}); polling on",
        StartingStoppedMachine => "machine is stopped; starting it",
        MachineReady e => $"ready after {Duration(e.After)} ({Lower(e.Via)}{(e.IPv4 is null ? "" : $", ip4 {e.IPv4}")})",
        ProvisioningFailed e => $"failed: {e.Summary}",
        TestRequested e => $"test asked to {Lower(e.Operation)} the machine",
        CommandRan e => Command(e),
        TestFailed e => $"test failed while using this machine: {e.Test}",
        CleanedUp e => Cleanup(e),
        ReaperAction e => Reaper(e),
        Note e => e.Message,
        HealthChecked e => e.Verdict switch
        {
            HealthVerdict.Running => $"health check: still running as {e.Id}",
            HealthVerdict.Gone => "health check: the machine no longer exists",
            HealthVerdict.Replaced => $"health check: another machine ({e.Id}) now holds the name",
            _ => $"health check: not running (state {e.State})",
        },
        WaitingForTemplate e => $"template {e.Template} is being built by another process; waiting for it (at most {Duration(e.Timeout)})",
        TemplateBuildStarted e => $"building template {e.Template} ({TemplateReason(e.Reason)})",
        SetupStepFinished { Passed: true } e => Invariant($"setup step {e.Step} of {e.Steps} [{string.Join(' ', e.Command)}] passed in {Duration(e.Took)}"),
        SetupStepFinished { ExitCode: { } exit } e => Invariant($"setup step {e.Step} of {e.Steps} [{string.Join(' ', e.Command)}] exited {exit} after {Duration(e.Took)}") +
            (OutputExcerpt.OneLine(e.StandardErrorTail) is { Length: > 0 } stderr ? $": {stderr}" : ""),
        SetupStepFinished e => Invariant($"setup step {e.Step} of {e.Steps} [{string.Join(' ', e.Command)}] could not run ({e.Error})"),
        TemplateSealed e => $"sealed template {e.Template}: emptied /etc/machine-id" + (e.CloudInitCleaned ? " and cleaned cloud-init" : ""),
        TemplateBuilt e => $"template {e.Template} built in {Duration(e.Cost)} (ULID {e.Id}), sealed and stopped",
        TemplateReused e => $"template {e.Template} is ready (ULID {e.Id}); cloning it",
        TemplateDiscarded e => $"deleted template {e.Template}: {TemplateReason(e.Reason)}",
        Cloned e => $"cloned from template {e.Template} in {Duration(e.Took)}",
        MachineConfigured e => $"set machine.{e.Key} = {e.Value} before its first start",
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Not an OrbFixtures event."),
    };

    /// <summary>A wait strategy in words, e.g. <c>systemd unit nginx</c>, <c>HTTP GET http://192.168.138.4:80/health</c>.</summary>
    public static string Strategy(WaitStrategyKind kind, string target) => kind switch
    {
        WaitStrategyKind.Command => $"command [{target}]",
        WaitStrategyKind.CloudInit => "cloud-init",
        WaitStrategyKind.SystemdUnit => $"systemd unit {target}",
        WaitStrategyKind.Port => $"port {target} listening in the guest",
        WaitStrategyKind.Tcp => $"TCP connection to {target}",
        WaitStrategyKind.Http => $"HTTP GET {target}",
        WaitStrategyKind.File => $"file {target}",
        WaitStrategyKind.LogLine => $"log line {target}",
        _ => $"{kind} {target}",
    };

    /// <summary>Why a machine is not ready, as a clause for a provisioning failure: the strategy that gave up and what it
    /// last saw, or the last state when it never got as far as a strategy.</summary>
    internal static string NotReady(TimeSpan budget, string? lastState, WaitGaveUp? gaveUp, WaitPolled? lastLook)
    {
        if (gaveUp is null)
            return $"the machine exists but did not become ready within {Duration(budget)} (last state: {lastState ?? "unknown"}" +
                   (lastLook is null ? ")" : $"; last look: {Describe(lastLook)})");
        return $"the machine is running but not ready: {GaveUp(gaveUp)}" + (lastLook is null ? "" : $"; last look: {Describe(lastLook)}");
    }

    private static string Look(WaitPolled e)
    {
        var what = Strategy(e.Strategy, e.Target);
        var seen = e.Finding switch
        {
            WaitFinding.Passed => "passed",
            WaitFinding.ExitedNonZero => Invariant($"exited {e.ExitCode}"),
            WaitFinding.CouldNotRun => $"could not run ({e.Error})",
            WaitFinding.CloudInitRunning => "cloud-init has not finished",
            WaitFinding.CloudInitFailed => "cloud-init finished with an error",
            WaitFinding.CloudInitMissing => "this image has no cloud-init (or it is disabled): use a cloud image or drop WaitFor.CloudInit()",
            WaitFinding.UnitNotActive => "the unit is not active",
            WaitFinding.NotListening => "nothing listens on it",
            WaitFinding.ConnectionFailed => $"could not connect ({e.Detail})",
            WaitFinding.UnexpectedStatus => Invariant($"answered status {e.HttpStatus}, not the one expected"),
            WaitFinding.PredicateRejected => Invariant($"answered status {e.HttpStatus}; the predicate rejected the response"),
            WaitFinding.FileMissing => "does not exist",
            WaitFinding.NoMatchingLine => "no line matches" + (e.Detail is null ? "" : $" ({e.Detail})"),
            _ => e.Finding.ToString(),
        };
        var output = OutputExcerpt.OneLine(e.Output);
        var label = e.Strategy == WaitStrategyKind.Http ? "body" : e.Finding == WaitFinding.Passed && e.Strategy == WaitStrategyKind.LogLine ? "line" : "saw";
        return Invariant($"wait for {what}, look {e.Poll}: {seen}") + (output.Length > 0 ? $"; {label}: {output}" : "");
    }

    private static string GaveUp(WaitGaveUp e)
    {
        var why = e.Reason switch
        {
            WaitGiveUpReason.TimedOut => $"its timeout of {Duration(e.Limit)} passed",
            WaitGiveUpReason.ReadinessBudgetSpent => $"the readiness budget of {Duration(e.Limit)} was spent",
            _ => "what it saw cannot change by waiting",
        };
        return Invariant($"wait for {Strategy(e.Strategy, e.Target)} gave up after {Duration(e.Elapsed)} and {e.Polls} look{Plural(e.Polls)}: {why}");
    }

    private static string TemplateReason(TemplateBuildReason reason) => reason switch
    {
        TemplateBuildReason.Rebuild => "ORBFIXTURES_TEMPLATES=rebuild, and it was built before this run",
        TemplateBuildReason.HalfBuilt => "an earlier build did not finish, so it is never cloned from",
        TemplateBuildReason.NotStopped => "it is no longer stopped, so its seal cannot be trusted",
        _ => "none is built yet",
    };

    /// <summary>A short duration: <c>850 ms</c>, <c>1.8 s</c>, <c>10 min</c>.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => Invariant($"{duration.TotalMilliseconds:0} ms"),
        < 60 => Invariant($"{duration.TotalSeconds:0.0#} s"),
        _ => Invariant($"{duration.TotalMinutes:0.##} min"),
    };

    private static void AppendLine(StringBuilder sb, string indent, MachineEvent e)
    {
        var lines = Describe(e).Split('\n');
        sb.Append(indent).Append(CultureInfo.InvariantCulture, $"{e.At:HH:mm:ss.fff} ").AppendLine(lines[0]);
        foreach (var line in lines.Skip(1)) sb.Append(indent).Append("    ").AppendLine(line);
    }

    private static string Attempt(AttemptFinished a) =>
        Invariant($"{a.Operation} #{a.Attempt} `{ArgvText.Format(a.Argv)}` started {a.StartedAt:HH:mm:ss.fff}, ") +
        Invariant($"timeout {Duration(a.Timeout)}, took {Duration(a.Duration)}: {Outcome(a)} -> {Decision(a)}");

    private static string Outcome(AttemptFinished a)
    {
        var exit = a.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
        var text = a.Outcome switch
        {
            AttemptOutcome.Succeeded when a.Error is { } answer => $"answered {answer} (exit {exit})",
            AttemptOutcome.Succeeded when a.ExitCode is not (0 or null) => $"completed with exit {exit}",
            AttemptOutcome.Succeeded => "succeeded",
            AttemptOutcome.TimedOut => "TIMED OUT (process tree killed)",
            AttemptOutcome.Cancelled => "stopped (process tree killed)",
            _ => $"failed ({a.Error?.ToString() ?? "Unknown"}, exit {exit})",
        };
        if (a.Outcome == AttemptOutcome.Succeeded && a.Error is null) return text;
        var stderr = OutputExcerpt.OneLine(a.StandardErrorTail);
        if (stderr.Length > 0) return $"{text}: {stderr}";
        var stdout = OutputExcerpt.OneLine(a.StandardOutputTail);
        return stdout.Length > 0 ? $"{text}: stdout '{stdout}'" : text;
    }

    private static string Decision(AttemptFinished a) => a.Decision switch
    {
        AttemptDecision.Done => "done",
        AttemptDecision.Answered => (a.Operation, a.Error) switch
        {
            (Operation.Info, OrbCtlErrorKind.NotFound) => "done: the machine does not exist",
            (Operation.Delete, OrbCtlErrorKind.NotFound) => "done: the machine was already gone",
            _ => $"done: the answer is {a.Error}",
        },
        AttemptDecision.Retry => $"retry in {Duration(a.RetryDelay ?? TimeSpan.Zero)}",
        AttemptDecision.Reconcile => "reconcile from info",
        AttemptDecision.GaveUpPermanent => "give up: not transient",
        AttemptDecision.GaveUpNotRetried => $"give up: {a.Operation} is not retried after {a.Error}",
        AttemptDecision.GaveUpAttemptsExhausted => a.Attempt == 1 ? "give up: 1 attempt allowed" : Invariant($"give up: {a.Attempt} attempts"),
        AttemptDecision.GaveUpBroken => "give up: running it failed",
        AttemptDecision.CancelledByCaller => "cancelled by the caller",
        AttemptDecision.KilledByWatchdog => "killed: the watchdog adopted the machine it made",
        AttemptDecision.KilledForForeignMachine => "killed: a machine that is not ours appeared under the name",
        _ => a.Decision.ToString(),
    };

    /// <summary>Why a create step is retried, as a clause (for the message of a provisioning that gave up).</summary>
    internal static string RetryReasonText(RetryReason reason, string? detail) => Reason(reason, Operation.Create, detail);

    private static string Reason(RetryReason reason, Operation operation, string? detail) => reason switch
    {
        RetryReason.GoneAfterCreate => "the machine was gone right after create succeeded",
        RetryReason.AbsentAfterTimeout => "the machine does not exist after the create timed out",
        RetryReason.AbsentAfterAlreadyExists => "the machine does not exist although create said it already exists",
        RetryReason.AbsentAfterUnreadableOutput => "the machine does not exist after create printed unreadable output",
        _ => $"{Lower(operation)} failed ({detail})",
    };

    private static string Command(CommandRan c)
    {
        var sb = new StringBuilder();
        var exit = c.ExitCode is { } code ? Invariant($"exit {code}") : "did not complete";
        sb.Append(CultureInfo.InvariantCulture,
            $"[{c.Machine}] $ {ArgvText.Format(c.Command)}{(c.User is null ? "" : $"  (as {c.User})")} -> {exit} in {Duration(c.Duration)}");
        AppendTail(sb, "stdout", c.StandardOutputTail);
        AppendTail(sb, "stderr", c.StandardErrorTail);
        return sb.ToString();
    }

    private static void AppendTail(StringBuilder sb, string label, string tail)
    {
        var text = tail.TrimEnd();
        if (text.Length == 0) return;
        if (text.Length > CommandTailCharacters) text = "..." + text[^CommandTailCharacters..];
        foreach (var line in text.Split('\n')) sb.Append('\n').Append(label).Append(": ").Append(line.TrimEnd('\r'));
    }

    private static string Cleanup(CleanedUp c)
    {
        var reach = $"reach it with `orbctl run -m {c.Name} <command>` or `ssh {c.Name}@orb`; delete it with `orbctl delete -f {c.Name}` when done";
        return c.Outcome switch
        {
            CleanupOutcome.Deleted => "deleted",
            CleanupOutcome.Stopped => "stopped (cleanup policy Stop); a later run's reaper deletes it",
            CleanupOutcome.Kept => $"kept running and no longer tracked (cleanup policy Keep): {reach}",
            CleanupOutcome.KeptForFailedTests => $"kept running because {c.Detail} failed while using it: {reach}",
            CleanupOutcome.KeptAfterFailedProvisioning =>
                $"provisioning failed; the machine is kept for inspection (cleanup policy {c.Detail}): {reach}",
            CleanupOutcome.KeptForReuse => c.Count == 0
                ? "kept running for reuse by a later run with the same spec"
                : Invariant($"kept running for reuse; {c.Count} other session{Plural(c.Count)} still lease{(c.Count == 1 ? "s" : "")} it"),
            CleanupOutcome.NotRecordedForReuse =>
                $"not recorded for reuse: the ledger now records {c.Detail} for this name; the record is left as it is",
            CleanupOutcome.LeftAloneNotOurs => $"teardown: left {c.Name} alone: {c.Detail}",
            CleanupOutcome.AlreadyGone => "teardown: the machine no longer exists; removed its ledger record",
            _ => $"could not clean up ({c.Detail}); the ledger record stays for the next run's reaper",
        };
    }

    private static string Reaper(ReaperAction r) => r.Action switch
    {
        ReaperActionKind.Deleted => $"deleted {r.Machine} ({r.Detail})",
        ReaperActionKind.RecordRemoved => $"{r.Machine}: {r.Detail}; the machine no longer exists, removed the record",
        ReaperActionKind.RecordKeptCreateMayRun => $"kept the record of {r.Machine}: {r.Detail}",
        ReaperActionKind.NotOursRecordRemoved =>
            $"left {r.Machine} alone, because {r.Detail}; removed the record, which describes no machine that exists",
        ReaperActionKind.NotOursRecordKept => $"left {r.Machine} alone, because {r.Detail}; the record stays until its create timeout",
        ReaperActionKind.BeingProvisioned => $"{r.Machine}: a session is provisioning it right now; left alone",
        ReaperActionKind.LeasesPruned => Invariant($"{r.Machine}: removed the leases of dead sessions; {r.Count} left"),
        ReaperActionKind.RecordChanged => $"{r.Machine}: its record changed while the reaper worked on it; left for the next run",
        ReaperActionKind.CouldNotReap => $"could not reap {r.Machine} ({r.Detail}); the record stays for the next run",
        ReaperActionKind.SessionFolderRemoved => $"removed the private folder of session '{r.Machine}', which no longer runs",
        ReaperActionKind.SessionFolderNotRemoved => $"could not remove the private folder of session '{r.Machine}': {r.Detail}",
        ReaperActionKind.OtherWorldsLeftAlone =>
            Invariant($"left {r.Count} record{Plural(r.Count)} of other orbctl worlds alone (the runs against those worlds reap them)"),
        ReaperActionKind.DeadlineReached =>
            Invariant($"stopped after its deadline of {r.Detail}; {r.Count} record{Plural(r.Count)} left for the next run"),
        ReaperActionKind.SweepFinished => Invariant($"removed {r.Count} machine{Plural(r.Count)} left by dead sessions"),
        ReaperActionKind.UnreadableRecord => $"ledger: skipped {r.Detail}",
        ReaperActionKind.WouldDelete => $"would delete {r.Machine} ({r.Detail})",
        ReaperActionKind.WouldRemoveRecord => $"{r.Machine}: {r.Detail}; would remove the record",
        ReaperActionKind.WouldPruneLeases => Invariant($"{r.Machine}: would remove the leases of dead sessions; {r.Count} would be left"),
        ReaperActionKind.WouldRemoveSessionFolder => $"would remove the private folder of session '{r.Machine}', which no longer runs",
        ReaperActionKind.DryRunFinished =>
            Invariant($"dry run: would remove {r.Count} machine{Plural(r.Count)} left by dead sessions; nothing was changed"),
        ReaperActionKind.LeftAloneKept => $"left {r.Machine} alone: it is kept on purpose",
        ReaperActionKind.LeftAloneOwnerAlive => $"left {r.Machine} alone: its owner, {r.Detail}, still runs",
        ReaperActionKind.LeftAloneOwnerElsewhere =>
            $"left {r.Machine} alone: its owner, {r.Detail}, runs on another host or PID namespace, where it cannot be judged dead",
        ReaperActionKind.LeftAloneLeased => Invariant($"left {r.Machine} alone: {r.Count} live session{Plural(r.Count)} lease{(r.Count == 1 ? "s" : "")} it"),
        ReaperActionKind.LeftAloneWithinRetention => $"left {r.Machine} alone: a reusable machine {r.Detail}",
        _ => $"could not sweep the ledger ({r.Detail})",
    };

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Plural(int count) => count == 1 ? "" : "s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
