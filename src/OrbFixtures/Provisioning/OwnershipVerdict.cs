namespace OrbFixtures.Provisioning;

/// <summary>What this session may do with a machine that already exists under its name.</summary>
internal enum OwnershipVerdict
{
    /// <summary>This session (this process) created it: adopt it.</summary>
    Ours,
    /// <summary>A reusable machine whose spec hash matches: adopt it.</summary>
    Reusable,
    /// <summary>A reusable machine, free to take, whose spec changed: delete and recreate it.</summary>
    ReusableChanged,
    /// <summary>Not ours: never adopt, stop or delete it.</summary>
    Foreign,
}
