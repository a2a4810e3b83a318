namespace OrbFixtures.Ownership;

/// <summary>
/// One machine a session created, or a reusable machine sessions lease, as stored in the ownership ledger
/// (<c>ledger/NAME.json</c> under the state directory). Everything an action on the machine needs to be proven is here:
/// the ULID once known, when the first <c>create</c> of the name began, what the machine must look like, which
/// <c>orbctl</c> world it lives in, and which session (on which host and PID namespace) owns or leases it.
/// </summary>
internal sealed record LedgerRecord
{
    /// <summary>The format this version writes; files of other formats are reported, never acted on.</summary>
    public const int CurrentFormat = 2;

    /// <summary>The record format.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The real machine name (also the file name).</summary>
    public required string Name { get; init; }

    /// <summary>The name tests use.</summary>
    public required string LogicalName { get; init; }

    /// <summary>Whether the name is one session's or shared by reuse.</summary>
    public required MachineKind Kind { get; init; }

    /// <summary>The <c>orbctl</c> world the machine lives in (<see cref="OrbctlWorld"/>).</summary>
    public required string World { get; init; }

    /// <summary>The machine's ULID; <see langword="null"/> until a lookup or create of this session reported it.</summary>
    public string? Id { get; init; }

    /// <summary>The keyed hash of the spec the machine is made from (<see cref="SpecHasher"/>).</summary>
    public required string SpecHash { get; init; }

    /// <summary>What the machine must look like to be proven by its creation time.</summary>
    public required ExpectedMachine Expected { get; init; }

    /// <summary>When the first <c>create</c> of this name by <see cref="Owner"/> began; <see langword="null"/> before.</summary>
    public DateTimeOffset? CreateStartedAt { get; init; }

    /// <summary>Where the machine is in its life.</summary>
    public required LedgerState State { get; init; }

    /// <summary>The session that created (or is creating) the machine, or last wrote this record.</summary>
    public required SessionOwner Owner { get; init; }

    /// <summary>The sessions using a reusable machine now; it is free when none of them is alive.</summary>
    public IReadOnlyList<SessionOwner> Leases { get; init; } = [];

    /// <summary>The template machine this machine was cloned from, when it was (so <c>orbfixtures templates list</c> can
    /// say which recorded machines came from a template); <see langword="null"/> for a created machine and in records
    /// written before this field existed.</summary>
    public string? ClonedFrom { get; init; }

    /// <summary>A reaper that is acting on the record (compare-and-claim), when one is.</summary>
    public ReaperClaim? Claim { get; init; }

    /// <summary>When the record was last written.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A fresh random token per write: a record is unchanged exactly when its revision is.</summary>
    public string Revision { get; init; } = "";
}

/// <summary>A reaper's claim on a record while it acts outside the ledger lock.</summary>
/// <param name="Session">The claiming session.</param>
/// <param name="At">When it claimed.</param>
internal sealed record ReaperClaim(SessionOwner Session, DateTimeOffset At);
