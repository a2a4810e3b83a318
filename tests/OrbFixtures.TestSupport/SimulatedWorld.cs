using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrbFixtures.TestChild;

namespace OrbFixtures.TestSupport;

/// <summary>
/// A private simulated OrbStack for the engine: a <see cref="SimulatorSandbox"/> (its own ORBSIM_HOME, scenario file and
/// invocation log), the state directories (ownership ledgers) of the sessions that run in it, and the options that
/// point OrbFixtures at both. Every test suite that runs the engine against the simulator (engine tests, reliability,
/// benchmarks) uses this one class; what differs between them is the <see cref="Tuning"/> they pass in. Disposing kills
/// any orbctl process of this world that is still running and removes its directory.
/// </summary>
public sealed class SimulatedWorld : IDisposable, IAsyncDisposable
{
    private readonly List<string> _stateDirectories = [];
    private readonly List<Diagnostics.MachineEvent> _recorded = [];
    private readonly List<string> _progress = [];

    /// <summary>A world with no machine in it.</summary>
    /// <param name="scenarioJson">The simulator's scenario file (src/OrbFixtures.Simulator/README.md); <see langword="null"/>
    /// for its defaults.</param>
    /// <param name="tuning">The options every session of this world starts from (timings, retries, name prefix);
    /// <see cref="Options"/> fills in the simulator, its environment and the ledger. <see langword="null"/> for the
    /// product's defaults.</param>
    public SimulatedWorld(string? scenarioJson = null, OrbFixturesOptions? tuning = null)
        : this(new SimulatorSandbox(scenarioJson), tuning ?? new OrbFixturesOptions(), foreign: null)
    {
    }

    private SimulatedWorld(SimulatorSandbox sandbox, OrbFixturesOptions tuning, ForeignMachine? foreign)
    {
        Sandbox = sandbox;
        Tuning = tuning;
        Foreign = foreign;
        StateDirectory = Path.Combine(sandbox.Root, "state");
    }

    /// <summary>
    /// A world that already holds a machine OrbFixtures did not make (<see cref="ForeignMachine"/>), created under the
    /// simulator's default behaviour before <paramref name="scenario"/> takes effect; it must come out untouched.
    /// </summary>
    public static async Task<SimulatedWorld> WithForeignMachineAsync(OrbFixturesOptions tuning, SimScenario scenario)
    {
        var sandbox = new SimulatorSandbox();
        try
        {
            var foreign = await ForeignMachine.CreateAsync(sandbox);
            sandbox.WriteScenario(scenario.ToJson());
            return new SimulatedWorld(sandbox, tuning, foreign);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>When set, every world writes the timeline of its orbctl invocations (start offset, duration, exit
    /// code, fault, argv) here when it is disposed, to see where the time of a run went.</summary>
    public static TextWriter? Timeline { get; set; }

    /// <summary>The simulator's private home, scenario file and invocation log.</summary>
    public SimulatorSandbox Sandbox { get; }

    /// <summary>The options every session of this world starts from (see the constructor).</summary>
    public OrbFixturesOptions Tuning { get; }

    /// <summary>The machine that is not ours, when the world was made <see cref="WithForeignMachineAsync"/>.</summary>
    public ForeignMachine? Foreign { get; }

    /// <summary>The default state directory (ledger) of this world's sessions.</summary>
    public string StateDirectory { get; }

    /// <summary>A fresh state directory (ledger) for sessions that must not share the default one.</summary>
    public string NewStateDirectory(string label)
    {
        var path = Path.Combine(StateDirectory, label);
        lock (_stateDirectories) _stateDirectories.Add(path);
        return path;
    }

    /// <summary>Every state directory made with <see cref="NewStateDirectory"/>, in order.</summary>
    public IReadOnlyList<string> StateDirectories
    {
        get { lock (_stateDirectories) return [.. _stateDirectories]; }
    }

    /// <summary>Options for a session of this world: <see cref="Tuning"/> with the simulator, its environment and the
    /// ledger in <paramref name="stateDirectory"/> (<see cref="StateDirectory"/> when <see langword="null"/>).</summary>
    public OrbFixturesOptions Options(string? stateDirectory = null) => Tuning with
    {
        OrbctlPath = SimulatorSandbox.OrbctlPath,
        OrbctlEnvironment = Sandbox.Environment,
        StateDirectory = stateDirectory ?? StateDirectory,
    };

    /// <summary>A provisioner with <paramref name="options"/> (<see cref="Options"/> when <see langword="null"/>) whose
    /// progress lines (the events <see cref="Diagnostics.MachineEventArgs.IsProgress"/> picks, rendered) are collected
    /// in <see cref="Progress"/>.</summary>
    public MachineProvisioner Provisioner(OrbFixturesOptions? options = null)
    {
        var provisioner = new MachineProvisioner(options ?? Options());
        provisioner.EventRecorded += (_, e) =>
        {
            lock (_progress)
            {
                _recorded.Add(e.Event);
                if (e.IsProgress) _progress.Add(e.ToString());
            }
        };
        return provisioner;
    }

    /// <summary>Every event any <see cref="Provisioner"/> of this world recorded (machine and session logs), in arrival order.</summary>
    public IReadOnlyList<Diagnostics.MachineEvent> Recorded
    {
        get { lock (_progress) return [.. _recorded]; }
    }

    /// <summary>The progress lines of every <see cref="Provisioner"/> of this world, in arrival order.</summary>
    public IReadOnlyList<string> Progress
    {
        get { lock (_progress) return [.. _progress]; }
    }

    /// <summary>
    /// Writes the configuration of a child session (tests/OrbFixtures.TestChild, started with <see cref="ChildSession"/>)
    /// of this world and returns its path: the simulator, its environment, the ledger in
    /// <paramref name="stateDirectory"/>, and the poll interval and timeouts of <see cref="Tuning"/>.
    /// </summary>
    public string ChildConfig(string stateDirectory, IReadOnlyList<ChildMachine> machines, bool hold,
        Func<ChildConfig, ChildConfig>? adjust = null)
    {
        var config = new ChildConfig
        {
            OrbctlPath = SimulatorSandbox.OrbctlPath,
            Environment = new Dictionary<string, string>(Sandbox.Environment),
            StateDirectory = stateDirectory,
            Machines = [.. machines],
            PollIntervalMs = (int)Tuning.PollInterval.TotalMilliseconds,
            TimeoutsMs = Tuning.Timeouts.Entries.ToDictionary(e => e.Key.ToString(), e => (int)e.Value.TotalMilliseconds),
            Hold = hold,
        };
        if (adjust is not null) config = adjust(config);
        var path = Path.Combine(Sandbox.Root, "children", Guid.NewGuid().ToString("N")[..8] + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(config, TestChild.ChildConfig.Json));
        return path;
    }

    /// <summary>Every orbctl invocation of this world so far, in start order (<see cref="SimulatorSandbox.ReadLog"/>).</summary>
    public IReadOnlyList<LoggedInvocation> Log => Sandbox.ReadLog();

    /// <summary>Every machine, per the simulator's own <c>list</c>.</summary>
    public async Task<IReadOnlyList<SimMachine>> ListAsync()
    {
        var listed = await Sandbox.RunAsync("list", "-f", "json");
        return listed.ExitCode == 0
            ? SimMachine.ParseList(listed.StandardOutput)
            : throw new InvalidOperationException($"orbctl list failed: {listed.StandardError}");
    }

    /// <summary>The machine called <paramref name="name"/>, or <see langword="null"/>.</summary>
    public async Task<SimMachine?> FindAsync(string name) => (await ListAsync()).SingleOrDefault(m => m.Name == name);

    /// <summary>What <c>orbctl info NAME -f json</c> says now, or <see langword="null"/> when the machine does not exist.</summary>
    public async Task<JsonNode?> InfoAsync(string name)
    {
        var outcome = await Sandbox.RunAsync("info", name, "-f", "json");
        return outcome.ExitCode == 0 ? JsonNode.Parse(outcome.StandardOutput) : null;
    }

    /// <summary>What a run left behind, as one line: machines still listed (the <see cref="Foreign"/> one aside) and
    /// orbctl processes still running (<see cref="RunningOrbctl"/>). Empty when nothing leaked.</summary>
    public async Task<string> LeaksAsync()
    {
        var problems = new List<string>();
        var machines = (await ListAsync()).Where(m => m.Name != Foreign?.Original.Name).Select(m => m.Name).ToList();
        if (machines.Count > 0) problems.Add($"{machines.Count} machine(s) left: {string.Join(", ", machines)}");
        var running = RunningOrbctl();
        if (running.Count > 0) problems.Add($"{running.Count} orbctl process(es) still running: " +
                                            string.Join(", ", running.Select(i => $"{i.Pid} {string.Join(' ', i.Argv)}")));
        return string.Join("; ", problems);
    }

    /// <summary>The logged orbctl invocations that never ended and whose process still runs (a killed orphan that
    /// lingers as a zombie does not count: it never runs again). On Linux a process counts only while it is still this
    /// world's (<see cref="SandboxProcesses.IsRunningIn"/>): a killed create never logs its end, and its PID may since
    /// have gone to another test's orbctl, which Dispose would otherwise kill.</summary>
    public IReadOnlyList<LoggedInvocation> RunningOrbctl() => Log.Where(i => i.EndedAt is null && IsRunning(i.Pid)).ToList();

    /// <summary>Whether process <paramref name="pid"/> exists, is not a zombie and (on Linux) is one of this world's.</summary>
    private bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux()) return SandboxProcesses.IsRunningIn(pid, Sandbox.Home);
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Timeline is { } timeline) WriteTimeline(timeline);
        // Best effort: never leave a simulator process behind, even when a test failed half-way.
        foreach (var invocation in RunningOrbctl())
        {
            try
            {
                using var process = Process.GetProcessById(invocation.Pid);
                if (process.ProcessName == "orbctl") process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        // Also those that never got to log their start line.
        if (OperatingSystem.IsLinux()) SandboxProcesses.KillAll(Sandbox.Home);
        Sandbox.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteTimeline(TextWriter timeline)
    {
        var log = Log;
        if (log.Count == 0) return;
        var origin = log[0].StartedAt;
        timeline.WriteLine($"[trace] {Sandbox.Root}: {log.Count} orbctl invocations");
        foreach (var i in log)
        {
            var took = i.EndedAt is { } end ? FormattableString.Invariant($"{(end - i.StartedAt).TotalMilliseconds,6:0} ms") : "killed   ";
            timeline.WriteLine(FormattableString.Invariant(
                $"[trace] +{(i.StartedAt - origin).TotalMilliseconds,7:0} ms {took} exit {i.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",3} {i.Fault ?? ""} {string.Join(' ', i.Argv)}"));
        }
    }
}
