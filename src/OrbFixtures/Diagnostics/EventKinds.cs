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
}
