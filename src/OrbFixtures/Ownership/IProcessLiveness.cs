namespace OrbFixtures.Ownership;

/// <summary>Tells the reaper and the ownership check which processes are alive (tests inject a fake).</summary>
internal interface IProcessLiveness
{
    /// <summary>This process.</summary>
    ProcessIdentity Current { get; }

    /// <summary>Where this process runs.</summary>
    ProcessPlace Place { get; }

    /// <summary>Whether <paramref name="owner"/>, a process of this place, still runs: the pid exists, is not a zombie,
    /// and started when the record says (a different start time means the pid was reused by another process).</summary>
    bool IsAlive(ProcessIdentity owner);
}

/// <summary>Judges owners with an <see cref="IProcessLiveness"/>.</summary>
internal static class ProcessLivenessExtensions
{
    /// <summary>Dead only for an owner of this host and PID namespace whose process is gone; an owner elsewhere is
    /// <see cref="OwnerStatus.Elsewhere"/>, never dead.</summary>
    public static OwnerStatus Judge(this IProcessLiveness liveness, SessionOwner owner) =>
        !liveness.Place.Sees(owner.Place) ? OwnerStatus.Elsewhere
        : liveness.IsAlive(owner.Process) ? OwnerStatus.Alive
        : OwnerStatus.Dead;

    /// <summary>Whether <paramref name="owner"/> is this process.</summary>
    public static bool IsCurrent(this IProcessLiveness liveness, SessionOwner owner) =>
        liveness.Place.Sees(owner.Place) && owner.Pid == liveness.Current.Pid && liveness.IsAlive(owner.Process);
}
