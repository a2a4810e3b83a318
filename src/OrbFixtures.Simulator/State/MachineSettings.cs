namespace OrbFixtures.Simulator.State;

/// <summary>
/// A machine's OrbStack 2.2 settings: resource limits (0 = no limit) and isolation. They are set by <c>create</c>
/// flags or <c>config set machine.NAME.*</c>, inherited by clones, and take effect when the machine boots.
/// </summary>
internal sealed record MachineSettings
{
    public static MachineSettings Unlimited { get; } = new();

    /// <summary>CPU limit in cores (the guest's <c>cpu.max</c>); 0 means the whole VM.</summary>
    public int Cpus { get; init; }

    /// <summary>Memory limit in MiB (the guest's <c>memory.max</c>); 0 means no limit.</summary>
    public long MemoryMib { get; init; }

    /// <summary>Disk quota in bytes; 0 means no quota.</summary>
    public long DiskBytes { get; init; }

    public bool Isolated { get; init; }

    public bool IsolateNetwork { get; init; }

    public bool ForwardSshAgent { get; init; }

    /// <summary>The <c>mounts</c> key, kept verbatim (isolated machines only; empty = none).</summary>
    public string Mounts { get; init; } = "";
}
