using System.Text.Json;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Reliability.Child;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>
/// One simulated OrbStack for one scenario: a private simulator sandbox (state, scenario, invocation log), a foreign
/// machine that must survive untouched, and the ledgers (state directories) of the sessions that run in it. At the end
/// <see cref="AssertCleanAsync"/> checks from the simulator's own state that nothing was left behind.
/// </summary>
internal sealed class SimulatedWorld : IAsyncDisposable
{
    private readonly List<string> _stateDirectories = [];

    private SimulatedWorld(SimulatorSandbox sandbox, ForeignMachine foreign)
    {
        Sandbox = sandbox;
        Foreign = foreign;
    }

    public SimulatorSandbox Sandbox { get; }

    public ForeignMachine Foreign { get; }

    /// <summary>Makes the world: the foreign machine first (under default behaviour), then the scenario takes effect.</summary>
    public static async Task<SimulatedWorld> StartAsync(SimScenario scenario)
    {
        var sandbox = new SimulatorSandbox();
        try
        {
            var foreign = await ForeignMachine.CreateAsync(sandbox);
            sandbox.WriteScenario(scenario.ToJson());
            return new SimulatedWorld(sandbox, foreign);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>A fresh state directory (ledger) in this world; every one is checked at the end.</summary>
    public string NewStateDirectory(string label)
    {
        var path = Path.Combine(Sandbox.Root, "state", label);
        lock (_stateDirectories) _stateDirectories.Add(path);
        return path;
    }

    /// <summary>Options for a session of this world: the simulator, its environment, the ledger, and short timings.</summary>
    public OrbFixturesOptions Options(string stateDirectory) => new()
    {
        OrbctlPath = SimulatorSandbox.OrbctlPath,
        OrbctlEnvironment = Sandbox.Environment,
        StateDirectory = stateDirectory,
        PollInterval = Timing.PollInterval,
        Timeouts = Timing.Timeouts,
        Retry = Timing.Retry,
    };

    /// <summary>Writes the configuration of a child session of this world and returns its path.</summary>
    public string ChildConfig(string stateDirectory, IReadOnlyList<ChildMachine> machines, bool hold,
        Func<ChildConfig, ChildConfig>? adjust = null)
    {
        var config = new ChildConfig
        {
            OrbctlPath = SimulatorSandbox.OrbctlPath,
            Environment = new Dictionary<string, string>(Sandbox.Environment),
            StateDirectory = stateDirectory,
            Machines = [.. machines],
            PollIntervalMs = (int)Timing.PollInterval.TotalMilliseconds,
            TimeoutsMs = Timing.TimeoutsMs(),
            Hold = hold,
        };
        if (adjust is not null) config = adjust(config);
        var path = Path.Combine(Sandbox.Root, "children", Guid.NewGuid().ToString("N")[..8] + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(config, Child.ChildConfig.Json));
        return path;
    }

    /// <summary>Every machine, per the simulator.</summary>
    public async Task<IReadOnlyList<SimMachine>> ListAsync()
    {
        var listed = await Sandbox.RunAsync("list", "-f", "json");
        Assert.True(listed.ExitCode == 0, $"orbctl list failed: {listed.StandardError}");
        return SimMachine.ParseList(listed.StandardOutput);
    }

    /// <summary>The machine called <paramref name="name"/>, or <see langword="null"/>.</summary>
    public async Task<SimMachine?> FindAsync(string name) => (await ListAsync()).SingleOrDefault(m => m.Name == name);

    /// <summary>The ledger records in <paramref name="stateDirectory"/>.</summary>
    public static IReadOnlyList<LedgerRecord> Ledger(string stateDirectory) => new OwnershipLedger(stateDirectory).ReadAll();

    /// <summary>What the world holds now besides the foreign machine, its ledgers included.</summary>
    public Task<WorldCheck> CheckAsync() => CheckAsync(allowed: [], readLedgers: true);

    /// <summary>What the world holds now besides the foreign machine and the <paramref name="allowed"/> ones (machines
    /// that are meant to stay: not ours, or kept on purpose); the ledgers only when <paramref name="readLedgers"/>.</summary>
    public async Task<WorldCheck> CheckAsync(IReadOnlyCollection<string> allowed, bool readLedgers)
    {
        // Look with OrbStack running and no faults left (a daemon scenario may keep it "Starting" for ever).
        Sandbox.WriteScenario(new SimScenario().ToJson());
        var survivors = await SandboxProcesses.SurvivorsAsync(Sandbox.Home, TimeSpan.FromSeconds(3));
        var machines = await ListAsync();
        List<string> directories;
        lock (_stateDirectories) directories = [.. _stateDirectories];
        var records = (readLedgers ? directories : []).SelectMany(Ledger).Select(r => $"{r.Name} ({r.State}, owner {r.Owner.Pid})").ToList();
        return new WorldCheck(
            machines.Where(m => m.Name != ForeignMachine.Name && !allowed.Contains(m.Name)).ToList(),
            survivors,
            records,
            Foreign.Problem(machines, Sandbox.ReadLog()));
    }

    /// <summary>Records leaks and foreign damage in the tally, then asserts there are none and no ledger records.</summary>
    public async Task AssertCleanAsync(ReliabilityTally tally)
    {
        var check = await CheckAsync();
        tally.Leaked(check.Leaked);
        tally.ForeignTouched(check.ForeignTouched ? 1 : 0);
        Assert.True(check.Clean, check.Describe());
    }

    public ValueTask DisposeAsync()
    {
        SandboxProcesses.KillAll(Sandbox.Home);
        Sandbox.Dispose();
        return ValueTask.CompletedTask;
    }
}
