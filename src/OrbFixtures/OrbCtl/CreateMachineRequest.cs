using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>The arguments of one <c>orbctl create</c>.</summary>
/// <param name="Name">The machine name (validated against OrbStack's rules before any process starts).</param>
/// <param name="Distro">The CLI distro token, e.g. <c>ubuntu</c>.</param>
/// <param name="Version">The version or codename, or <see langword="null"/> for the latest.</param>
/// <param name="Arch">The architecture (<c>-a</c>), or <see langword="null"/> for the native one.</param>
/// <param name="User">The default user's name (<c>-u</c>), or <see langword="null"/> for the host user.</param>
/// <param name="UserDataFile">Path of a cloud-init user-data file (<c>-c</c>), or <see langword="null"/>.</param>
internal sealed record CreateMachineRequest(
    string Name,
    string Distro,
    string? Version = null,
    string? Arch = null,
    string? User = null,
    string? UserDataFile = null)
{
    /// <summary>Which create attempt of the machine this is (1-based, across the provisioner's retries); the number
    /// its attempt is recorded under.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>How many create attempts the provisioner allows.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>Resource limits and isolation (<c>--cpus</c>, <c>--memory</c>, <c>--disk</c>, <c>--isolated</c>,
    /// <c>--isolate-network</c>); the defaults add no flag.</summary>
    public MachineResources Resources { get; init; } = MachineResources.Default;

    /// <summary>Why the caller stopped this create when it cancels it (a watchdog kill is not a caller giving up).</summary>
    internal CreateStop? Stop { get; init; }
}

/// <summary>Set by the provisioner just before it cancels a running <c>create</c>, so that the attempt is recorded with
/// the real reason (<see cref="AttemptDecision.KilledByWatchdog"/>) rather than as the caller giving up.</summary>
internal sealed class CreateStop
{
    public AttemptDecision? Reason { get; set; }
}
