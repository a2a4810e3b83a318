using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.BadInput;

/// <summary>What a user does with a piece of input, against a sandbox whose invocation log must stay empty: read the
/// configuration, make a provisioner, ensure a machine, or run a command in a machine.</summary>
internal sealed class BadInputBench(SimulatorSandbox sandbox)
{
    public string Root => sandbox.Root;

    public OrbFixturesOptions Options { get; } = new()
    {
        OrbctlPath = SimulatorSandbox.OrbctlPath,
        OrbctlEnvironment = sandbox.Environment,
        StateDirectory = Path.Combine(sandbox.Root, "state"),
        PollInterval = Timing.PollInterval,
        Timeouts = Timing.Timeouts,
        Retry = Timing.Retry,
    };

    /// <summary>Configuration from <paramref name="environment"/> over <paramref name="options"/>, a provisioner, and
    /// <c>EnsureAsync(spec)</c>: the path every machine of a test suite takes.</summary>
    public async Task EnsureAsync(MachineSpec spec, IReadOnlyDictionary<string, string?>? environment = null,
        OrbFixturesOptions? options = null)
    {
        var configured = OrbFixturesConfiguration.FromEnvironment(options ?? Options, environment ?? new Dictionary<string, string?>());
        await using var provisioner = new MachineProvisioner(configured);
        await provisioner.EnsureAsync(spec);
    }

    /// <summary>Runs <paramref name="command"/> in a machine handle (as a test would, once its machine is ready).</summary>
    public async Task RunInMachineAsync(params string[] command)
    {
        var spec = MachineSpec.Create("app", "ubuntu");
        var info = new MachineInfo("01HZZZZZZZZZZZZZZZZZZZZZZZ", "of-t3st-app", MachineState.Running, "running",
            new MachineImage("ubuntu", "noble", "arm64", "default"), "root", Builtin: false, DiskSize: null, IPv4: null, IPv6: null);
        var client = new OrbCtlClient(new OrbCtlClientOptions
        {
            OrbctlPath = SimulatorSandbox.OrbctlPath,
            EnvironmentVariables = sandbox.Environment,
            Timeouts = Timing.Timeouts,
        });
        var machine = new Machine(spec, info, new MachineLog("machine 'app'"), client, Options);
        await machine.RunAsync(command);
    }
}
