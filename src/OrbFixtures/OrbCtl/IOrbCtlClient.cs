using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>
/// Typed access to <c>orbctl</c>: one method per <see cref="Operation"/>. Each call validates its input before any
/// process starts, runs <c>orbctl</c> with an argv list (never a shell), applies the operation's timeout (killing
/// the process tree), retries transient failures (never <c>create</c>), and records every attempt in
/// the <c>log</c> argument when one is given. Failures throw <see cref="OrbCtlException"/>.
/// </summary>
/// <remarks>The <c>log</c> parameter of each method receives every attempt the call made.</remarks>
internal interface IOrbCtlClient
{
    /// <summary><c>orbctl status</c>: exit 0 Running, 2 Starting, 1 Stopped. Never starts anything.</summary>
    Task<OrbStackStatus> GetStatusAsync(MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl version</c>, parsed from its first line.</summary>
    Task<OrbCtlVersion> GetVersionAsync(MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl start</c> with no machine: starts OrbStack itself.</summary>
    Task StartOrbStackAsync(MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl list -f json</c> (with <c>-r</c> when <paramref name="runningOnly"/>).</summary>
    Task<IReadOnlyList<MachineInfo>> ListAsync(bool runningOnly = false, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl info NAME -f json</c>; <see langword="null"/> when the machine does not exist.</summary>
    Task<MachineInfo?> GetInfoAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl create</c>. One attempt only: a create is never retried here (see the provisioner).</summary>
    Task CreateAsync(CreateMachineRequest request, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl clone SOURCE NAME</c>.</summary>
    Task CloneAsync(string source, string name, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl config set machine.NAME.KEY VALUE</c>: a per-machine setting (OrbStack 2.2; limits take effect at
    /// the next start, so a clone is configured before its first start).</summary>
    Task SetMachineConfigAsync(string machine, MachineSetting setting, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl start NAME</c> (idempotent).</summary>
    Task StartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl stop NAME</c> (idempotent).</summary>
    Task StopAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl restart NAME</c>.</summary>
    Task RestartAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl delete -f NAME</c>; <see langword="false"/> when the machine was already gone.</summary>
    Task<bool> DeleteAsync(string name, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl run -m NAME ...</c>; the guest's exit code is in the result, not an exception.</summary>
    Task<CommandResult> RunAsync(RunCommandRequest request, MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl push -m NAME SOURCE [DESTINATION]</c> (destination relative to the user's home). Each of
    /// <paramref name="secrets"/> (e.g. a secret in a path) is replaced by <c>***</c> wherever the call is recorded.</summary>
    Task PushAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl pull -m NAME SOURCE [DESTINATION]</c>; <paramref name="secrets"/> as for <see cref="PushAsync"/>.</summary>
    Task PullAsync(string machine, string source, string? destination = null, IReadOnlyCollection<string>? secrets = null,
        MachineLog? log = null, CancellationToken cancellationToken = default);

    /// <summary><c>orbctl logs NAME</c> (with <c>-a</c> when <paramref name="all"/>).</summary>
    Task<string> GetLogsAsync(string name, bool all = false, MachineLog? log = null, CancellationToken cancellationToken = default);
}
