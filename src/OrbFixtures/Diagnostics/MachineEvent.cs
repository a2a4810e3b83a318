using System.Text.Json.Serialization;

namespace OrbFixtures.Diagnostics;

/// <summary>
/// Something that happened to a machine (or to the reaper), appended to its <see cref="MachineLog"/> when it happened.
/// The hierarchy is closed: every case is a sealed record in this file, and <see cref="EventText"/> (the sentences),
/// the run report (JSON) and the telemetry are renderers over it. Events carry data only, never secrets.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ProvisioningStarted), "provisioningStarted")]
[JsonDerivedType(typeof(LookedUp), "lookedUp")]
[JsonDerivedType(typeof(OwnershipProven), "ownershipProven")]
[JsonDerivedType(typeof(IntentRecorded), "intentRecorded")]
[JsonDerivedType(typeof(WaitingForSharedName), "waitingForSharedName")]
[JsonDerivedType(typeof(GateEntered), "gateEntered")]
[JsonDerivedType(typeof(CreateStarted), "createStarted")]
[JsonDerivedType(typeof(AttemptFinished), "attemptFinished")]
[JsonDerivedType(typeof(Reconciling), "reconciling")]
[JsonDerivedType(typeof(RetryScheduled), "retryScheduled")]
[JsonDerivedType(typeof(HangAdopted), "hangAdopted")]
[JsonDerivedType(typeof(ForeignMachineSeen), "foreignMachineSeen")]
[JsonDerivedType(typeof(StateObserved), "stateObserved")]
[JsonDerivedType(typeof(WaitPolled), "waitPolled")]
[JsonDerivedType(typeof(WaitGaveUp), "waitGaveUp")]
[JsonDerivedType(typeof(StartingStoppedMachine), "startingStoppedMachine")]
[JsonDerivedType(typeof(MachineReady), "ready")]
[JsonDerivedType(typeof(ProvisioningFailed), "provisioningFailed")]
[JsonDerivedType(typeof(TestRequested), "testRequested")]
[JsonDerivedType(typeof(CommandRan), "commandRan")]
[JsonDerivedType(typeof(TestFailed), "testFailed")]
[JsonDerivedType(typeof(CleanedUp), "cleanedUp")]
[JsonDerivedType(typeof(ReaperAction), "reaperAction")]
[JsonDerivedType(typeof(Note), "note")]
[JsonDerivedType(typeof(HealthChecked), "healthChecked")]
[JsonDerivedType(typeof(WaitingForTemplate), "waitingForTemplate")]
[JsonDerivedType(typeof(TemplateBuildStarted), "templateBuildStarted")]
[JsonDerivedType(typeof(SetupStepFinished), "setupStepFinished")]
[JsonDerivedType(typeof(TemplateSealed), "templateSealed")]
[JsonDerivedType(typeof(TemplateBuilt), "templateBuilt")]
[JsonDerivedType(typeof(TemplateReused), "templateReused")]
[JsonDerivedType(typeof(TemplateDiscarded), "templateDiscarded")]
[JsonDerivedType(typeof(Cloned), "cloned")]
[JsonDerivedType(typeof(MachineConfigured), "machineConfigured")]
public abstract record MachineEvent
{
    // Closed: only the cases in this assembly derive from it.
    private protected MachineEvent(DateTimeOffset at) => At = at;

    /// <summary>When it happened, from the provisioner's clock.</summary>
    public DateTimeOffset At { get; }
}

/// <summary>Provisioning of a machine began.</summary>
/// <param name="At">When.</param>
/// <param name="Spec">The spec as text (image, user, probe; never secrets).</param>
/// <param name="SessionId">The session that provisions it.</param>
/// <param name="SpecHash">The spec's keyed hash (what reuse compares).</param>
public sealed record ProvisioningStarted(DateTimeOffset At, string Spec, string SessionId, string SpecHash) : MachineEvent(At);

/// <summary>The name was looked up before anything was created.</summary>
/// <param name="At">When.</param>
/// <param name="Id">The ULID of the machine under the name, or <see langword="null"/> when the name is free.</param>
/// <param name="State">Its state as orbctl reported it, or <see langword="null"/> when absent.</param>
/// <param name="Ours">Whether it is provably this session's (or a reusable machine of this spec); <see langword="null"/> when absent.</param>
/// <param name="Reason">Why it is or is not ours; <see langword="null"/> when absent.</param>
public sealed record LookedUp(DateTimeOffset At, string? Id, string? State, bool? Ours, string? Reason) : MachineEvent(At);

/// <summary>The machine under the name was proven to be ours for the first time.</summary>
/// <param name="At">When.</param>
/// <param name="Id">Its ULID, from now on the only one accepted.</param>
/// <param name="Reason">The proof.</param>
public sealed record OwnershipProven(DateTimeOffset At, string Id, string Reason) : MachineEvent(At);

/// <summary>The intent to create was written to the ownership ledger, before any <c>create</c> ran.</summary>
/// <param name="At">When.</param>
public sealed record IntentRecorded(DateTimeOffset At) : MachineEvent(At);

/// <summary>Another process is provisioning the same shared (reusable) name; this one waits for its lock.</summary>
/// <param name="At">When.</param>
public sealed record WaitingForSharedName(DateTimeOffset At) : MachineEvent(At);

/// <summary>A slot of the process-wide create gate was taken.</summary>
/// <param name="At">When.</param>
/// <param name="Waited">How long the create waited for it.</param>
/// <param name="InUse">Slots in use, this one included.</param>
/// <param name="Limit">The gate's size.</param>
public sealed record GateEntered(DateTimeOffset At, TimeSpan Waited, int InUse, int Limit) : MachineEvent(At);

/// <summary>A <c>create</c> process is about to start.</summary>
/// <param name="At">When.</param>
/// <param name="Image">The image, e.g. <c>ubuntu:24.04</c>.</param>
/// <param name="Attempt">Which create attempt of this machine (1-based, across retries).</param>
/// <param name="MaxAttempts">How many create attempts are allowed.</param>
/// <param name="WithUserData">Whether cloud-init user data is passed.</param>
/// <param name="WatchdogPoll">The watchdog's poll interval, or <see langword="null"/> when the watchdog is off.</param>
public sealed record CreateStarted(DateTimeOffset At, string Image, int Attempt, int MaxAttempts, bool WithUserData, TimeSpan? WatchdogPoll)
    : MachineEvent(At);

/// <summary>One <c>orbctl</c> process ended; appended when it ended (<see cref="MachineEvent.At"/>), with the time it
/// started, under which timeout it ran, how it ended and what was decided after it.</summary>
/// <param name="At">When it ended and the decision was made.</param>
/// <param name="Operation">The operation.</param>
/// <param name="Attempt">Its number within its operation (1-based): a call's retries, or a machine's create retries.</param>
/// <param name="Argv">The argv, <c>orbctl</c> first, with secrets redacted.</param>
/// <param name="StartedAt">When the process started.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Timeout">The timeout it ran under.</param>
/// <param name="ExitCode">Its exit code; <see langword="null"/> when it was killed or never started.</param>
/// <param name="StandardOutputTail">The bounded tail of its stdout.</param>
/// <param name="StandardErrorTail">The bounded tail of its stderr (or why it could not run).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The classification of a failure, or of an expected failure that answered the question.</param>
/// <param name="Decision">What was decided after it.</param>
/// <param name="RetryDelay">The delay before the next attempt when <see cref="Decision"/> is <see cref="AttemptDecision.Retry"/>.</param>
public sealed record AttemptFinished(
    DateTimeOffset At,
    Operation Operation,
    int Attempt,
    IReadOnlyList<string> Argv,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan Timeout,
    int? ExitCode,
    string StandardOutputTail,
    string StandardErrorTail,
    AttemptOutcome Outcome,
    OrbCtlErrorKind? Error,
    AttemptDecision Decision,
    TimeSpan? RetryDelay = null) : MachineEvent(At);

/// <summary>The outcome of a <c>create</c> is unknown or must be confirmed, so the machine's state is read back from
/// <c>info</c> before anything else is decided.</summary>
/// <param name="At">When.</param>
/// <param name="Reason">Why.</param>
/// <param name="Timeout">The timeout the create ran under, when it timed out.</param>
public sealed record Reconciling(DateTimeOffset At, ReconcileReason Reason, TimeSpan? Timeout = null) : MachineEvent(At);

/// <summary>A provisioning step will be tried again after a delay.</summary>
/// <param name="At">When it was decided.</param>
/// <param name="Operation">What is retried (<see cref="Operation.Create"/> for the create-then-reconcile step).</param>
/// <param name="NextAttempt">The number of the attempt that follows.</param>
/// <param name="MaxAttempts">How many attempts are allowed.</param>
/// <param name="Delay">The delay before it.</param>
/// <param name="Reason">Why the last attempt did not give a ready machine.</param>
/// <param name="Detail">orbctl's words for a failure, when there are any.</param>
public sealed record RetryScheduled(DateTimeOffset At, Operation Operation, int NextAttempt, int MaxAttempts, TimeSpan Delay,
    RetryReason Reason, string? Detail = null) : MachineEvent(At);

/// <summary>A <c>create</c> hung after the machine was made: the watchdog saw it running and ready, adopted it and
/// killed the create.</summary>
/// <param name="At">When.</param>
/// <param name="After">How long the create had run.</param>
public sealed record HangAdopted(DateTimeOffset At, TimeSpan After) : MachineEvent(At);

/// <summary>A machine that is not provably ours appeared under the name; it was left untouched.</summary>
/// <param name="At">When.</param>
/// <param name="Reason">Why it is not ours.</param>
/// <param name="CreateKilledAfter">When our create was still running: how long it had run before it was killed.</param>
public sealed record ForeignMachineSeen(DateTimeOffset At, string Reason, TimeSpan? CreateKilledAfter = null) : MachineEvent(At);

/// <summary><c>info</c> showed a new state of the machine while waiting for it.</summary>
/// <param name="At">When.</param>
/// <param name="State">The state orbctl reported, <see langword="null"/> when the machine does not exist.</param>
/// <param name="IPv4">Its IPv4 address, when reported.</param>
/// <param name="Unknown">orbctl could not answer (the classification), so the state is unknown.</param>
public sealed record StateObserved(DateTimeOffset At, string? State, [property: JsonPropertyName("ipv4")] string? IPv4 = null,
    OrbCtlErrorKind? Unknown = null) : MachineEvent(At);

/// <summary>A wait strategy (<see cref="WaitFor"/>) looked once: what it saw, and whether that was what it waits for.</summary>
/// <param name="At">When the look ended.</param>
/// <param name="Strategy">Which kind of strategy.</param>
/// <param name="Target">What it looks at: the command (redacted), unit, port, URL, path or pattern.</param>
/// <param name="Poll">The number of this look within the strategy (1-based).</param>
/// <param name="Finding">What it found.</param>
/// <param name="ExitCode">The guest command's exit code, for guest-side strategies that ran.</param>
/// <param name="HttpStatus">The HTTP status code, for <see cref="WaitStrategyKind.Http"/> when a response came.</param>
/// <param name="Output">What was seen, bounded and redacted: the output's tail, the response body's excerpt, the last
/// log lines (the matching one when it passed).</param>
/// <param name="Error">Why orbctl could not run the guest command, when it could not.</param>
/// <param name="Detail">The host-side error (connection refused, timed out), when there was one.</param>
public sealed record WaitPolled(DateTimeOffset At, WaitStrategyKind Strategy, string Target, int Poll, WaitFinding Finding,
    int? ExitCode = null, int? HttpStatus = null, string Output = "", OrbCtlErrorKind? Error = null, string? Detail = null)
    : MachineEvent(At)
{
    /// <summary>Whether the strategy is satisfied.</summary>
    public bool Passed => Finding == WaitFinding.Passed;
}

/// <summary>A wait strategy gave up: the machine is not ready. Its last <see cref="WaitPolled"/> says what it last saw.</summary>
/// <param name="At">When.</param>
/// <param name="Strategy">Which kind of strategy.</param>
/// <param name="Target">What it looked at (as in <see cref="WaitPolled.Target"/>).</param>
/// <param name="Polls">How many times it looked.</param>
/// <param name="Elapsed">How long it waited.</param>
/// <param name="Limit">The limit it reached: its own timeout, or what was left of the readiness budget.</param>
/// <param name="Reason">Why it gave up.</param>
public sealed record WaitGaveUp(DateTimeOffset At, WaitStrategyKind Strategy, string Target, int Polls, TimeSpan Elapsed, TimeSpan Limit,
    WaitGiveUpReason Reason) : MachineEvent(At);

/// <summary>The machine was stopped (someone stopped it) and is being started, once.</summary>
/// <param name="At">When.</param>
/// <param name="StartFailed">When <c>start</c> failed in a way waiting may fix: its classification.</param>
public sealed record StartingStoppedMachine(DateTimeOffset At, OrbCtlErrorKind? StartFailed = null) : MachineEvent(At);

/// <summary>The machine is ready for tests.</summary>
/// <param name="At">When.</param>
/// <param name="Via">How it came to be ready.</param>
/// <param name="Id">Its ULID.</param>
/// <param name="After">How long provisioning took.</param>
/// <param name="IPv4">Its IPv4 address, when reported.</param>
public sealed record MachineReady(DateTimeOffset At, ReadyVia Via, string Id, TimeSpan After,
    [property: JsonPropertyName("ipv4")] string? IPv4) : MachineEvent(At);

/// <summary>Provisioning failed; the exception thrown carries this summary and the log.</summary>
/// <param name="At">When.</param>
/// <param name="Summary">Why, in one or two sentences (no secrets).</param>
/// <param name="Error">The classification of the orbctl failure behind it, if any.</param>
public sealed record ProvisioningFailed(DateTimeOffset At, string Summary, OrbCtlErrorKind? Error) : MachineEvent(At);

/// <summary>A test asked for a lifecycle operation on the machine (start, stop, restart).</summary>
/// <param name="At">When.</param>
/// <param name="Operation">The operation.</param>
public sealed record TestRequested(DateTimeOffset At, Operation Operation) : MachineEvent(At);

/// <summary>A command ran inside the machine (also when it could not complete).</summary>
/// <param name="At">When it ended.</param>
/// <param name="Machine">The machine's logical name.</param>
/// <param name="Command">The argv run inside the machine, secrets redacted.</param>
/// <param name="User">The user it ran as, or <see langword="null"/> for the default.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="ExitCode">Its exit code; <see langword="null"/> when it did not complete (timeout, error).</param>
/// <param name="StandardOutputTail">The last part of its stdout, redacted.</param>
/// <param name="StandardErrorTail">The last part of its stderr (or the error, when it did not complete), redacted.</param>
public sealed record CommandRan(
    DateTimeOffset At,
    string Machine,
    IReadOnlyList<string> Command,
    string? User,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? ExitCode,
    string StandardOutputTail,
    string StandardErrorTail) : MachineEvent(At);

/// <summary>A test failed while using the machine; the keep-on-failure policy keeps exactly such machines.</summary>
/// <param name="At">When.</param>
/// <param name="Test">The test's display name.</param>
public sealed record TestFailed(DateTimeOffset At, string Test) : MachineEvent(At);

/// <summary>Teardown (or the clean-up after a failed provisioning) decided what happens to the machine.</summary>
/// <param name="At">When.</param>
/// <param name="Name">The machine's name.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="Detail">The facts behind it: the failed tests, the policy, why it is not ours, orbctl's error.</param>
/// <param name="Count">For <see cref="CleanupOutcome.KeptForReuse"/>: how many other sessions still lease it.</param>
public sealed record CleanedUp(DateTimeOffset At, string Name, CleanupOutcome Outcome, string? Detail = null, int Count = 0) : MachineEvent(At);

/// <summary>What the reaper did with one record, or with the sweep as a whole (<see cref="Machine"/> <see langword="null"/>).</summary>
/// <param name="At">When.</param>
/// <param name="Machine">The machine (or session folder) it concerns; <see langword="null"/> for the sweep.</param>
/// <param name="Action">What it did.</param>
/// <param name="Detail">Why, or the facts behind it.</param>
/// <param name="Count">For sweep-wide actions, how many records it concerns.</param>
public sealed record ReaperAction(DateTimeOffset At, string? Machine, ReaperActionKind Action, string? Detail = null, int Count = 0)
    : MachineEvent(At);

/// <summary>The escape hatch: a step with no event of its own. Prefer a typed event.</summary>
/// <param name="At">When.</param>
/// <param name="Message">What happened; never secrets.</param>
public sealed record Note(DateTimeOffset At, string Message) : MachineEvent(At);

/// <summary>A health check before a test asked orbctl whether the machine is still the one provisioned, and running.</summary>
/// <param name="At">When.</param>
/// <param name="Verdict">What it found.</param>
/// <param name="Id">The ULID now under the machine's name; <see langword="null"/> when it is gone.</param>
/// <param name="State">The state orbctl reported; <see langword="null"/> when it is gone.</param>
public sealed record HealthChecked(DateTimeOffset At, HealthVerdict Verdict, string? Id = null, string? State = null) : MachineEvent(At);

/// <summary>Another process is building the template this machine is cloned from; this one waits for its lock.</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="Timeout">How long it waits at most (the build's bound).</param>
public sealed record WaitingForTemplate(DateTimeOffset At, string Template, TimeSpan Timeout) : MachineEvent(At);

/// <summary>This session builds a template machine (create, setup steps, seal, stop).</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="Reason">Why it is built now.</param>
public sealed record TemplateBuildStarted(DateTimeOffset At, string Template, TemplateBuildReason Reason) : MachineEvent(At);

/// <summary>A template's setup step ended (or a template recipe's step, on a machine created without templates).</summary>
/// <param name="At">When.</param>
/// <param name="Step">Its number, from 1.</param>
/// <param name="Steps">How many steps there are.</param>
/// <param name="Command">The command (argv).</param>
/// <param name="ExitCode">Its exit code; <see langword="null"/> when it could not run (see <paramref name="Error"/>).</param>
/// <param name="Took">How long it ran.</param>
/// <param name="StandardErrorTail">The end of its standard error when it failed.</param>
/// <param name="Error">Why orbctl could not run it (e.g. its timeout), when it could not.</param>
public sealed record SetupStepFinished(DateTimeOffset At, int Step, int Steps, IReadOnlyList<string> Command, int? ExitCode, TimeSpan Took,
    string StandardErrorTail = "", OrbCtlErrorKind? Error = null) : MachineEvent(At)
{
    /// <summary>Whether the step exited 0.</summary>
    public bool Passed => ExitCode == 0;
}

/// <summary>A template was sealed: <c>/etc/machine-id</c> emptied (and cloud-init cleaned where it runs), so that its
/// clones get identities of their own.</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="CloudInitCleaned">Whether <c>cloud-init clean --logs --machine-id --seed</c> ran (templates with user data).</param>
public sealed record TemplateSealed(DateTimeOffset At, string Template, bool CloudInitCleaned) : MachineEvent(At);

/// <summary>A template machine was built, sealed, stopped and recorded as ready in the ledger.</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="Id">Its ULID.</param>
/// <param name="Cost">How long the build took, create to stop.</param>
public sealed record TemplateBuilt(DateTimeOffset At, string Template, string Id, TimeSpan Cost) : MachineEvent(At);

/// <summary>A ready template machine (built earlier, by this or another session) is used as it is.</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="Id">Its ULID.</param>
public sealed record TemplateReused(DateTimeOffset At, string Template, string Id) : MachineEvent(At);

/// <summary>A template machine that must not be cloned from (half-built, or to be rebuilt) was deleted.</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="Reason">Why.</param>
public sealed record TemplateDiscarded(DateTimeOffset At, string Template, TemplateBuildReason Reason) : MachineEvent(At);

/// <summary>The machine was made as a copy-on-write clone of a template machine (<c>orbctl clone</c>).</summary>
/// <param name="At">When.</param>
/// <param name="Template">The template machine's name.</param>
/// <param name="TemplateId">The template's ULID.</param>
/// <param name="Took">How long the clone took.</param>
public sealed record Cloned(DateTimeOffset At, string Template, string TemplateId, TimeSpan Took) : MachineEvent(At);

/// <summary>A per-machine setting was made before the machine's first start (<c>orbctl config set machine.NAME.KEY</c>).</summary>
/// <param name="At">When.</param>
/// <param name="Key">The key after <c>machine.NAME.</c>, e.g. <c>cpu</c>.</param>
/// <param name="Value">The value.</param>
public sealed record MachineConfigured(DateTimeOffset At, string Key, string Value) : MachineEvent(At);
