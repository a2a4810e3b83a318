namespace OrbFixtures.Ownership;

/// <summary>A session as the ledger names it: its id, its process (pid and start time, so a recycled pid is not
/// mistaken for it) and where that process runs.</summary>
/// <param name="SessionId">The session's id (part of its machines' names).</param>
/// <param name="Pid">The process id, in <paramref name="Place"/>'s PID namespace.</param>
/// <param name="StartTime">When the process started (UTC).</param>
/// <param name="Place">The host and PID namespace of the process.</param>
internal sealed record SessionOwner(string SessionId, int Pid, DateTimeOffset StartTime, ProcessPlace Place)
{
    /// <summary>The owning process.</summary>
    public ProcessIdentity Process => new(Pid, StartTime);

    public override string ToString() => $"session '{SessionId}' of process {Pid} on {Place}";
}

/// <summary>What can be known here about the process behind a <see cref="SessionOwner"/>.</summary>
internal enum OwnerStatus
{
    /// <summary>It runs (or might: a process that cannot be inspected counts as running).</summary>
    Alive,
    /// <summary>It has exited: its records may be reaped.</summary>
    Dead,
    /// <summary>It runs on another host or in another PID namespace, where its liveness cannot be known: treated as
    /// alive, never reaped from here.</summary>
    Elsewhere,
}
