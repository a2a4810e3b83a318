using System.Diagnostics;
using System.Text.Json.Nodes;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>
/// The real client and provisioner against the orbctl simulator in a private sandbox (state, scenario, invocation
/// log), with a ledger inside the sandbox and short poll intervals and backoffs.
/// </summary>
internal sealed class SimulatedWorld : IDisposable
{
    public SimulatedWorld(string? scenarioJson = null)
    {
        Sandbox = new SimulatorSandbox(scenarioJson);
        StateDirectory = Path.Combine(Sandbox.Root, "state");
    }

    public SimulatorSandbox Sandbox { get; }
    public string StateDirectory { get; }
    /// <summary>The progress lines of every provisioner made here (<see cref="OrbFixtures.Diagnostics.MachineEventArgs.IsProgress"/>).</summary>
    public List<string> Progress { get; } = [];

    /// <summary>Every event any of its provisioners recorded, machine and session logs alike, in the order raised.</summary>
    public List<OrbFixtures.Diagnostics.MachineEvent> Recorded { get; } = [];

    public OrbFixturesOptions Options => new()
    {
        OrbctlPath = SimulatorSandbox.OrbctlPath,
        OrbctlEnvironment = Sandbox.Environment,
        StateDirectory = StateDirectory,
        PollInterval = TimeSpan.FromMilliseconds(100),
        Timeouts = OperationTimeouts.Default.With(Operation.Create, TimeSpan.FromSeconds(20)),
        Retry = new OrbCtlRetryOptions
        {
            MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(400), Randomizer = () => 0.5,
        },
    };

    public MachineProvisioner Provisioner(OrbFixturesOptions? options = null)
    {
        var provisioner = new MachineProvisioner(options ?? Options);
        provisioner.EventRecorded += (_, args) =>
        {
            lock (Progress)
            {
                Recorded.Add(args.Event);
                if (args.IsProgress) Progress.Add(args.ToString());
            }
        };
        return provisioner;
    }

    public IReadOnlyList<LoggedInvocation> Log => Sandbox.ReadLog();

    /// <summary>The subcommands orbctl was run with, in start order.</summary>
    public IReadOnlyList<string> Commands => Log.Select(i => i.Command).ToList();

    /// <summary>What <c>orbctl info NAME -f json</c> says now, or null when the machine does not exist.</summary>
    public async Task<JsonNode?> InfoAsync(string name)
    {
        var outcome = await Sandbox.RunAsync("info", name, "-f", "json");
        return outcome.ExitCode == 0 ? JsonNode.Parse(outcome.StandardOutput) : null;
    }

    /// <summary>Every orbctl process the test caused has exited (killed ones included).</summary>
    public void AssertNoOrbctlLeft()
    {
        foreach (var invocation in Log.Where(i => i.EndedAt is null))
            Assert.False(IsRunning(invocation.Pid), $"orbctl {string.Join(' ', invocation.Argv)} (pid {invocation.Pid}) is still running");
    }

    public static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            // A killed orphan may linger as a zombie until its new parent reaps it; it never runs again.
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return false;
            try
            {
                var text = File.ReadAllText(stat);
                var end = text.LastIndexOf(')');
                return !(end > 0 && end + 2 < text.Length && text[end + 2] is 'Z' or 'X');
            }
            catch (IOException) { return false; }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        // Best effort: never leave a hung simulator process behind, even when a test failed half-way.
        foreach (var invocation in Log.Where(i => i.EndedAt is null && IsRunning(i.Pid)))
        {
            try
            {
                using var process = Process.GetProcessById(invocation.Pid);
                if (process.ProcessName == "orbctl") process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        Sandbox.Dispose();
    }
}
