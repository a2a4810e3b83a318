using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures;

/// <summary>
/// A ready machine handed out by <see cref="MachineProvisioner.EnsureAsync"/>. Commands run as argv lists inside
/// the machine (never through a host shell); each is recorded (the last <see cref="OrbFixturesOptions.CommandHistorySize"/>)
/// for failure diagnostics and raised through <see cref="CommandCompleted"/>.
/// </summary>
public sealed partial class Machine
{
    // TODO(issue 4): constructed by MachineProvisioner.
    internal Machine(MachineSpec spec, MachineInfo info, AttemptHistory history, IOrbCtlClient client, OrbFixturesOptions options)
    {
        Spec = spec;
        Info = info;
        History = history;
        _ = client;
        _ = options;
    }

    /// <summary>The spec this machine was provisioned from.</summary>
    public MachineSpec Spec { get; }

    /// <summary>The name tests use (<see cref="MachineSpec.LogicalName"/>).</summary>
    public string LogicalName => Spec.LogicalName;

    /// <summary>The real OrbStack name, <c>&lt;prefix&gt;-&lt;session&gt;-&lt;logical&gt;</c>.</summary>
    public string Name => Info.Name;

    /// <summary>The machine's ULID.</summary>
    public string Id => Info.Id;

    /// <summary>What orbctl reported when the machine became ready.</summary>
    public MachineInfo Info { get; }

    /// <summary>The machine's IPv4 address, when OrbStack reports it.</summary>
    public string? IPv4 => Info.IPv4;

    /// <summary>Every provisioning attempt and decision for this machine.</summary>
    public AttemptHistory History { get; }

    /// <summary>The most recent commands run in this machine, oldest first.</summary>
    public IReadOnlyList<CommandRecord> RecentCommands => throw new NotImplementedException();

    /// <summary>Raised after every command run in this machine (also when it failed to run).</summary>
    public event EventHandler<CommandRecord>? CommandCompleted;

    /// <summary>Runs <paramref name="command"/> (program first) inside the machine as the default user.</summary>
    public Task<CommandResult> RunAsync(params string[] command) => RunAsync(command, options: null);

    /// <summary>Runs <paramref name="command"/> (program first) inside the machine.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, RunOptions? options, CancellationToken cancellationToken = default)
    {
        CommandCompleted?.Invoke(this, null!);
        throw new NotImplementedException();
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> inside the machine (a guest shell, never a host one).</summary>
    public Task<CommandResult> RunShellAsync(string script, RunOptions? options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Copies a host file into the machine (destination relative to the user's home when not absolute).</summary>
    public Task PushAsync(string hostPath, string? guestPath = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Copies a file out of the machine to <paramref name="hostPath"/>.</summary>
    public Task PullAsync(string guestPath, string hostPath, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Starts the machine (idempotent).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Stops the machine (idempotent).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Restarts the machine and waits until it is ready again.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Asks orbctl for the machine's current state.</summary>
    public Task<MachineInfo> GetInfoAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Marks the machine as used by a failed test (for <see cref="CleanupPolicy.KeepOnFailure"/>).</summary>
    internal void RecordFailedTest(string testDisplayName) => throw new NotImplementedException();
}
