namespace OrbFixtures.Ownership;

/// <summary>Where a ledger record's machine is in its life.</summary>
internal enum LedgerState
{
    /// <summary>The intent was recorded and <c>create</c> may be running; the ULID may not be known yet.</summary>
    Creating,
    /// <summary>The machine is ready and in use by its owner session.</summary>
    Ready,
    /// <summary>Kept on purpose (a failed test used it, or the cleanup policy keeps it); never reaped.</summary>
    Kept,
    /// <summary>A reusable machine, shared through leases: free while it has no live lease, and collected only when it
    /// has been free for longer than the retention.</summary>
    Reusable,
}

/// <summary>What kind of name a record is for.</summary>
internal enum MachineKind
{
    /// <summary>A name only one session uses (<c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>).</summary>
    Session,
    /// <summary>A name shared by every session with the same spec (<c>&lt;prefix&gt;-reuse-&lt;logical&gt;-&lt;hash&gt;</c>):
    /// serialised by a per-name lock, used through leases.</summary>
    Reusable,
    /// <summary>A template machine (<c>&lt;prefix&gt;-tpl-&lt;logical&gt;-&lt;hash&gt;</c>), shared like a reusable one:
    /// <see cref="LedgerState.Creating"/> while it is built (never cloned from), <see cref="LedgerState.Reusable"/> once
    /// sealed and stopped; collected when unleased and older than the template max age, or superseded.</summary>
    Template,
}
