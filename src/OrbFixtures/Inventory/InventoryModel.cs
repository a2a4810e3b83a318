namespace OrbFixtures.Inventory;

/// <summary>What kind of machine a ledger record is for.</summary>
public enum OwnedMachineKind
{
    /// <summary>One session's own machine (<c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>), deleted when the session ends.</summary>
    SessionMachine,
    /// <summary>A reusable machine shared through leases (<c>&lt;prefix&gt;-reuse-&lt;logical&gt;-&lt;hash&gt;</c>).</summary>
    Reusable,
    /// <summary>A machine kept on purpose (a failed test used it, or the cleanup policy keeps it): never reaped.</summary>
    Kept,
    /// <summary>A template machine (<c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c>) that clones are made from, shared
    /// through leases; collected when unleased and older than the template max age, or superseded.</summary>
    Template,
}

/// <summary>What can be known here about the session behind a record or a lease.</summary>
public enum SessionLiveness
{
    /// <summary>Its process runs (or cannot be inspected, which counts as running).</summary>
    Alive,
    /// <summary>Its process, on this host and PID namespace, has exited: the reaper may act on what it left.</summary>
    Dead,
    /// <summary>It runs on another host or in another PID namespace, where its liveness cannot be judged: never reaped
    /// from here.</summary>
    OtherHost,
}

/// <summary>A session as a record names it.</summary>
/// <param name="SessionId">The session id (part of its machine names).</param>
/// <param name="Pid">Its process id, on <paramref name="Host"/>.</param>
/// <param name="Host">The host (and PID namespace) its process runs on.</param>
/// <param name="Liveness">Whether it still runs, as far as can be known here.</param>
public sealed record SessionSummary(string SessionId, int Pid, string Host, SessionLiveness Liveness);

/// <summary>One machine of the ledger of this <c>orbctl</c> world, with what <c>orbctl</c> says about it now.</summary>
/// <param name="Name">The real machine name.</param>
/// <param name="LogicalName">The name tests use.</param>
/// <param name="Kind">Session machine, reusable or kept.</param>
/// <param name="Owner">The session that created it or last wrote its record.</param>
/// <param name="CreatedAt">When its first <c>create</c> began, or when its record was written when none is known.</param>
/// <param name="UpdatedAt">When its record was last written.</param>
/// <param name="Id">The ULID recorded for it, once known.</param>
/// <param name="OrbctlState">Its state per <c>orbctl list</c>, or <see langword="null"/> when no machine has the name.</param>
/// <param name="IsProvenOurs">Whether the machine under the name is provably the record's (the ownership proof); false
/// when there is none or it is not.</param>
/// <param name="IsClaimedByReaper">Whether a reaper is acting on it right now.</param>
/// <param name="Leases">The sessions that lease a reusable machine.</param>
public sealed record OwnedMachine(
    string Name,
    string LogicalName,
    OwnedMachineKind Kind,
    SessionSummary Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Id,
    MachineState? OrbctlState,
    bool IsProvenOurs,
    bool IsClaimedByReaper,
    IReadOnlyList<SessionSummary> Leases);

/// <summary>A machine named like OrbFixtures' (<c>&lt;prefix&gt;-…</c>) that no record of this world describes: not
/// owned, so never touched.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Id">Its ULID.</param>
/// <param name="State">Its state per <c>orbctl list</c>.</param>
public sealed record UnownedMachine(string Name, string Id, MachineState State);

/// <summary>A file in the ledger folder that is not a valid record: reported, never acted on, never deleted.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="MachineName">The machine its name stands for, when that is a valid machine name.</param>
/// <param name="Reason">Why it is not a valid record.</param>
public sealed record DamagedRecord(string Path, string? MachineName, string Reason);

/// <summary>Everything the ledger of this <c>orbctl</c> world records, set against what <c>orbctl</c> lists.</summary>
/// <param name="StateDirectory">The state folder read.</param>
/// <param name="Machines">The records of this world, by name.</param>
/// <param name="NotOwned">Machines named with the prefix that no record of this world describes.</param>
/// <param name="DamagedRecords">Files that are not valid records.</param>
/// <param name="OtherWorldRecords">How many records belong to other <c>orbctl</c> worlds (another orbctl, or another
/// simulator home): left out, as their runs own them.</param>
/// <param name="OrbctlProblem">Why <c>orbctl list</c> could not be asked, when it could not: the records are still
/// listed, without their state.</param>
public sealed record InventoryListing(
    string StateDirectory,
    IReadOnlyList<OwnedMachine> Machines,
    IReadOnlyList<UnownedMachine> NotOwned,
    IReadOnlyList<DamagedRecord> DamagedRecords,
    int OtherWorldRecords,
    string? OrbctlProblem);

/// <summary>What a sweep of the reaper did, or would do on a dry run.</summary>
/// <param name="DryRun">Whether nothing was changed.</param>
/// <param name="Actions">Each action and each record left alone, with why, in order (render them with
/// <see cref="Diagnostics.EventText.Describe(Diagnostics.MachineEvent)"/>).</param>
/// <param name="MachinesDeleted">Machines deleted (or, on a dry run, that would be).</param>
public sealed record ReapReport(bool DryRun, IReadOnlyList<Diagnostics.ReaperAction> Actions, int MachinesDeleted);

/// <summary>What <see cref="MachineInventory.Forget(string)"/> did.</summary>
public enum ForgetOutcome
{
    /// <summary>The record was removed; its machine, if any, was not touched.</summary>
    Removed,
    /// <summary>There is no record of that name.</summary>
    NoRecord,
}

/// <summary>The state folder as found, without changing it.</summary>
/// <param name="Path">Its full path.</param>
/// <param name="Exists">Whether it exists (it is made on first use).</param>
/// <param name="Mode">Its permission bits in octal (<c>0700</c>), when it exists on a Unix system.</param>
/// <param name="Problem">Why provisioning would refuse it, when it would.</param>
/// <param name="Fix">How to fix <paramref name="Problem"/>.</param>
/// <param name="RecordCount">Valid records, of every world.</param>
/// <param name="DamagedRecords">Files that are not valid records.</param>
public sealed record StateDirectoryStatus(
    string Path, bool Exists, string? Mode, string? Problem, string? Fix, int RecordCount, IReadOnlyList<DamagedRecord> DamagedRecords);

/// <summary>What <c>orbctl</c> answered to the availability probe and to <c>orbctl version</c>.</summary>
/// <param name="Availability">The probe's answer, with every place it searched.</param>
/// <param name="Version">The version <c>orbctl version</c> printed, when it answered.</param>
/// <param name="VersionError">Why <c>orbctl version</c> gave no version, when it did not.</param>
public sealed record OrbctlCheck(OrbStackAvailability Availability, string? Version, string? VersionError);
