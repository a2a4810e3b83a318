namespace OrbFixtures.Provisioning;

/// <summary>Where a ledger record's machine is in its life.</summary>
internal enum LedgerState
{
    /// <summary>The intent was recorded and <c>create</c> may be running; the ULID may not be known yet.</summary>
    Creating,
    /// <summary>The machine is ready and in use by its owner.</summary>
    Ready,
    /// <summary>Kept on purpose (a failed test used it); never reaped.</summary>
    Kept,
    /// <summary>Kept for reuse by a later run whose spec hash matches; never reaped.</summary>
    Reusable,
}
