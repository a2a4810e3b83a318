namespace OrbFixtures;

/// <summary>What happens to a machine when its fixture is torn down.</summary>
public enum CleanupPolicy
{
    /// <summary>Delete it (<c>orbctl delete -f NAME</c>, only after checking its ULID). The default.</summary>
    Delete,
    /// <summary>Stop it and keep it; it stays in the ledger, so a later run's reaper removes it.</summary>
    Stop,
    /// <summary>Leave it running and forget it (removed from the ledger, so no reaper touches it).</summary>
    Keep,
    /// <summary>Delete it, unless a test that used it failed: then keep it running and say how to reach it.</summary>
    KeepOnFailure,
}
