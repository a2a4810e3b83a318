using System.Text.Json;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.TestChild;

/// <summary>
/// What a child session provisions and against which orbctl. The tests write it as JSON (SimulatedWorld.ChildConfig in
/// tests/OrbFixtures.TestSupport) and pass its path as the only argument, so the child's own environment stays
/// untouched (the simulator's variables travel in <see cref="Environment"/> and reach orbctl through
/// <see cref="OrbFixturesOptions.OrbctlEnvironment"/>).
/// </summary>
public sealed record ChildConfig
{
    /// <summary>The JSON form both sides use.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Path of orbctl (the simulator).</summary>
    public required string OrbctlPath { get; init; }

    /// <summary>Environment of every orbctl process (ORBSIM_HOME, ORBSIM_LOG, ORBSIM_SCENARIO).</summary>
    public required Dictionary<string, string> Environment { get; init; }

    /// <summary>Where the ownership ledger lives (shared by the sessions of one test).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The machines to provision, all at once.</summary>
    public required List<ChildMachine> Machines { get; init; }

    /// <summary>Poll interval of the watchdog and reconciliation, in milliseconds.</summary>
    public int PollIntervalMs { get; init; } = 250;

    /// <summary>Per-operation timeouts in milliseconds, keyed by <see cref="Operation"/> name.</summary>
    public Dictionary<string, int> TimeoutsMs { get; init; } = [];

    /// <summary>Whether to wait for stdin after the machines are ready, before releasing them: each <c>run</c> line runs
    /// a command in every machine; any other line (or the end of stdin) releases them.</summary>
    public bool Hold { get; init; }

    /// <summary>Whether to only sweep the ledger (<see cref="MachineProvisioner.ReapAsync"/>) and exit, provisioning nothing.</summary>
    public bool ReapOnly { get; init; }

    /// <summary>How many creates may run at once in the session; <see langword="null"/> for the default.</summary>
    public int? MaxParallelCreates { get; init; }

    /// <summary>Whether the create watchdog runs (<see cref="OrbFixturesOptions.Watchdog"/>); off lets a hung create
    /// hang until its timeout, so a test can kill the session in the middle of it.</summary>
    public bool Watchdog { get; init; } = true;

    /// <summary>A template every machine is cloned from (<see cref="MachineSpec.FromTemplate"/>; a machine's
    /// <see cref="ChildMachine.Image"/> is then unused); <see langword="null"/> to create the machines.</summary>
    public ChildTemplate? Template { get; init; }

    /// <summary>The spec of <paramref name="machine"/>: from <see cref="Template"/> when there is one.</summary>
    public MachineSpec SpecFor(ChildMachine machine) =>
        Template is { } template ? MachineSpec.FromTemplate(template.ToTemplate(), machine.Logical) : machine.ToSpec();

    /// <summary>The provisioner options this configuration describes.</summary>
    public OrbFixturesOptions ToOptions()
    {
        var timeouts = OperationTimeouts.Default;
        foreach (var (operation, ms) in TimeoutsMs)
            timeouts = timeouts.With(Enum.Parse<Operation>(operation), TimeSpan.FromMilliseconds(ms));
        var defaults = new OrbFixturesOptions();
        return defaults with
        {
            OrbctlPath = OrbctlPath,
            OrbctlEnvironment = Environment,
            StateDirectory = StateDirectory,
            PollInterval = TimeSpan.FromMilliseconds(PollIntervalMs),
            Timeouts = timeouts,
            Retry = new OrbCtlRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
            MaxParallelCreates = MaxParallelCreates ?? defaults.MaxParallelCreates,
            Watchdog = Watchdog,
        };
    }
}
