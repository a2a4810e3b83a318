namespace OrbFixtures.Diagnostics;

/// <summary>What was decided after one <c>orbctl</c> process (<see cref="AttemptFinished.Decision"/>).</summary>
public enum AttemptDecision
{
    /// <summary>It succeeded; the call is done.</summary>
    Done,
    /// <summary>It failed in the expected way that answers the question (e.g. <c>info</c> of a missing machine).</summary>
    Answered,
    /// <summary>It failed transiently and is retried after <see cref="AttemptFinished.RetryDelay"/>.</summary>
    Retry,
    /// <summary>Its outcome is unknown (a <c>create</c> that timed out, said "already exists" or printed unreadable
    /// output): the machine's state is read back from <c>info</c> before anything else is decided.</summary>
    Reconcile,
    /// <summary>It failed in a way retrying cannot fix.</summary>
    GaveUpPermanent,
    /// <summary>It failed in a way that is retried for other operations, but repeating this one is not safe.</summary>
    GaveUpNotRetried,
    /// <summary>It failed transiently, and it was the last attempt allowed.</summary>
    GaveUpAttemptsExhausted,
    /// <summary>Running it failed with an error that is not orbctl's answer (an I/O error, a caller's target that threw).</summary>
    GaveUpBroken,
    /// <summary>The caller cancelled; its process tree was killed.</summary>
    CancelledByCaller,
    /// <summary>A hung <c>create</c> killed because the watchdog adopted the machine it had made.</summary>
    KilledByWatchdog,
    /// <summary>A <c>create</c> killed because a machine that is not ours appeared under the name.</summary>
    KilledForForeignMachine,
}

/// <summary>Why the state of a machine is read back after a <c>create</c> (<see cref="Reconciling"/>).</summary>
public enum ReconcileReason
{
    /// <summary>The create exited 0; readiness is checked.</summary>
    CreateSucceeded,
    /// <summary>The create ran past its timeout (OrbStack may still be making the machine).</summary>
    CreateTimedOut,
    /// <summary>The create said the machine already exists.</summary>
    AlreadyExists,
    /// <summary>The create exited 0 but printed output OrbFixtures cannot read.</summary>
    UnreadableOutput,
}

/// <summary>Why a create-then-reconcile step is retried (<see cref="RetryScheduled"/>).</summary>
public enum RetryReason
{
    /// <summary>The create exited 0, but the machine was gone right after.</summary>
    GoneAfterCreate,
    /// <summary>The create timed out and no machine exists.</summary>
    AbsentAfterTimeout,
    /// <summary>The create said "already exists", but no machine exists.</summary>
    AbsentAfterAlreadyExists,
    /// <summary>The create printed unreadable output and no machine exists.</summary>
    AbsentAfterUnreadableOutput,
    /// <summary>The create failed transiently (network, daemon starting).</summary>
    TransientFailure,
}

/// <summary>How a machine came to be ready (<see cref="MachineReady"/>).</summary>
public enum ReadyVia
{
    /// <summary>Its create exited 0 and it passed the readiness checks.</summary>
    Created,
    /// <summary>It existed already, provably this session's, and was adopted.</summary>
    Adopted,
    /// <summary>A reusable machine of the same spec, left by an earlier run, was leased.</summary>
    Reused,
    /// <summary>Its create hung; the watchdog adopted it and killed the create.</summary>
    Watchdog,
    /// <summary>Its create timed out or failed ambiguously; reading its state back proved it ours and ready.</summary>
    Reconciled,
    /// <summary>It was cloned from a template machine, configured and started.</summary>
    Cloned,
}

/// <summary>Why a template machine is built (<see cref="TemplateBuildStarted"/>) or discarded (<see cref="TemplateDiscarded"/>).</summary>
public enum TemplateBuildReason
{
    /// <summary>No template machine of this recipe exists yet.</summary>
    Missing,
    /// <summary><c>ORBFIXTURES_TEMPLATES=rebuild</c>: it was built before this run, so it is built again once.</summary>
    Rebuild,
    /// <summary>A build that failed or whose builder died left it unsealed; it is never cloned from.</summary>
    HalfBuilt,
    /// <summary>The ledger says it is ready, but it is not stopped any more (someone started it, so its seal is gone).</summary>
    NotStopped,
}

/// <summary>What teardown did with a machine (<see cref="CleanedUp"/>).</summary>
public enum CleanupOutcome
{
    /// <summary>Deleted (it was provably ours).</summary>
    Deleted,
    /// <summary>Stopped (cleanup policy Stop); a later run's reaper deletes it.</summary>
    Stopped,
    /// <summary>Kept running and no longer tracked (cleanup policy Keep).</summary>
    Kept,
    /// <summary>Kept running because tests failed while using it (cleanup policy KeepOnFailure).</summary>
    KeptForFailedTests,
    /// <summary>Provisioning failed; kept for inspection (Keep or KeepOnFailure).</summary>
    KeptAfterFailedProvisioning,
    /// <summary>A reusable machine: this session's lease ended, the machine stays for reuse.</summary>
    KeptForReuse,
    /// <summary>A reusable machine whose record now describes another machine; the record was left as it is.</summary>
    NotRecordedForReuse,
    /// <summary>What holds the name is not provably ours; untouched.</summary>
    LeftAloneNotOurs,
    /// <summary>The machine no longer existed; its record was removed.</summary>
    AlreadyGone,
    /// <summary>Cleaning up failed; the record stays for a later run's reaper.</summary>
    Failed,
}

/// <summary>What the reaper did (<see cref="ReaperAction"/>).</summary>
public enum ReaperActionKind
{
    /// <summary>Deleted a machine left by a dead session (with proof).</summary>
    Deleted,
    /// <summary>The record's machine no longer exists; the record was removed.</summary>
    RecordRemoved,
    /// <summary>No machine yet, but the dead session's create may still make one; the record stays until the create timeout.</summary>
    RecordKeptCreateMayRun,
    /// <summary>What holds the name is not the record's machine; untouched, and the record (which proves nothing) removed.</summary>
    NotOursRecordRemoved,
    /// <summary>What holds the name is not the record's machine; untouched, and the record kept until its create timeout.</summary>
    NotOursRecordKept,
    /// <summary>A session is provisioning the shared name right now.</summary>
    BeingProvisioned,
    /// <summary>The leases of dead sessions were removed (<see cref="ReaperAction.Count"/> left).</summary>
    LeasesPruned,
    /// <summary>The record changed since it was read; left for the next run.</summary>
    RecordChanged,
    /// <summary>orbctl failed; the record stays for the next run.</summary>
    CouldNotReap,
    /// <summary>A dead session's private folder was removed.</summary>
    SessionFolderRemoved,
    /// <summary>A dead session's private folder could not be removed.</summary>
    SessionFolderNotRemoved,
    /// <summary>Records of other orbctl worlds were left alone (<see cref="ReaperAction.Count"/>).</summary>
    OtherWorldsLeftAlone,
    /// <summary>The sweep reached its deadline (<see cref="ReaperAction.Count"/> records left for the next run).</summary>
    DeadlineReached,
    /// <summary>The sweep ended (<see cref="ReaperAction.Count"/> machines deleted).</summary>
    SweepFinished,
    /// <summary>A ledger file is not a valid record; reported and left alone.</summary>
    UnreadableRecord,
    /// <summary>The sweep itself failed (the state directory or orbctl); the next run sweeps again.</summary>
    SweepFailed,
    /// <summary>Dry run: would delete this machine left by a dead session (its ownership is proven).</summary>
    WouldDelete,
    /// <summary>Dry run: would remove the record (its machine is gone, or what holds the name is not the record's and
    /// stays untouched).</summary>
    WouldRemoveRecord,
    /// <summary>Dry run: would remove the leases of dead sessions (<see cref="ReaperAction.Count"/> would be left).</summary>
    WouldPruneLeases,
    /// <summary>Dry run: would remove the private folder of a session that no longer runs.</summary>
    WouldRemoveSessionFolder,
    /// <summary>Dry run ended (<see cref="ReaperAction.Count"/> machines would be deleted); nothing was changed.</summary>
    DryRunFinished,
    /// <summary>Left alone: the machine is kept on purpose (a failed test used it, or the cleanup policy keeps it).</summary>
    LeftAloneKept,
    /// <summary>Left alone: its owner session still runs (<see cref="ReaperAction.Detail"/> names it).</summary>
    LeftAloneOwnerAlive,
    /// <summary>Left alone: its owner runs on another host or in another PID namespace, where it cannot be judged dead.</summary>
    LeftAloneOwnerElsewhere,
    /// <summary>Left alone: a reusable machine with live leases (<see cref="ReaperAction.Count"/>).</summary>
    LeftAloneLeased,
    /// <summary>Left alone: a reusable machine unused for less than the reuse retention.</summary>
    LeftAloneWithinRetention,
}

/// <summary>The kinds of wait strategy (<see cref="WaitFor"/>), as recorded in <see cref="WaitPolled"/>.</summary>
public enum WaitStrategyKind
{
    /// <summary>A guest command that must exit 0 (<see cref="WaitFor.Command"/>, also the readiness probe).</summary>
    Command,
    /// <summary>cloud-init has finished (<see cref="WaitFor.CloudInit"/>).</summary>
    CloudInit,
    /// <summary>A systemd unit is active (<see cref="WaitFor.SystemdUnit"/>).</summary>
    SystemdUnit,
    /// <summary>A TCP port listens inside the guest (<see cref="WaitFor.Port"/>).</summary>
    Port,
    /// <summary>A TCP port accepts a connection from the host (<see cref="WaitFor.Tcp"/>).</summary>
    Tcp,
    /// <summary>An HTTP request from the host gets the expected answer (<see cref="WaitFor.Http(int, string, string)"/>).</summary>
    Http,
    /// <summary>A file exists inside the guest (<see cref="WaitFor.File"/>).</summary>
    File,
    /// <summary>A line matching a pattern was logged (<see cref="WaitFor.LogLine"/>).</summary>
    LogLine,
}

/// <summary>What one look of a wait strategy found (<see cref="WaitPolled.Finding"/>).</summary>
public enum WaitFinding
{
    /// <summary>What the strategy waits for holds.</summary>
    Passed,
    /// <summary>The guest command exited non-zero.</summary>
    ExitedNonZero,
    /// <summary>orbctl could not run the guest command (see <see cref="WaitPolled.Error"/>).</summary>
    CouldNotRun,
    /// <summary>cloud-init has not finished yet.</summary>
    CloudInitRunning,
    /// <summary>cloud-init finished with an error: waiting longer cannot help.</summary>
    CloudInitFailed,
    /// <summary>The image has no cloud-init (or it is disabled): waiting longer cannot help.</summary>
    CloudInitMissing,
    /// <summary>The systemd unit is not active (its state is the output).</summary>
    UnitNotActive,
    /// <summary>Nothing inside the guest listens on the port.</summary>
    NotListening,
    /// <summary>The host could not connect (see <see cref="WaitPolled.Detail"/>).</summary>
    ConnectionFailed,
    /// <summary>An HTTP response came with a status that was not expected.</summary>
    UnexpectedStatus,
    /// <summary>An HTTP response came, and the caller's predicate rejected it.</summary>
    PredicateRejected,
    /// <summary>The file does not exist.</summary>
    FileMissing,
    /// <summary>No logged line matches the pattern yet.</summary>
    NoMatchingLine,
}

/// <summary>Why a wait strategy gave up (<see cref="WaitGaveUp.Reason"/>).</summary>
public enum WaitGiveUpReason
{
    /// <summary>Its own timeout passed.</summary>
    TimedOut,
    /// <summary>The readiness budget (the create or restart timeout) was spent.</summary>
    ReadinessBudgetSpent,
    /// <summary>It saw something no wait can change (cloud-init failed or is missing).</summary>
    Unrecoverable,
}

/// <summary>What a health check before a test found (<see cref="HealthChecked"/>).</summary>
public enum HealthVerdict
{
    /// <summary>The machine exists with the ULID it was provisioned with and is running.</summary>
    Running,
    /// <summary>No machine has the name any more.</summary>
    Gone,
    /// <summary>A machine with a different ULID holds the name: not the one provisioned.</summary>
    Replaced,
    /// <summary>The machine exists but is not running (stopped, or in another state).</summary>
    NotRunning,
}
