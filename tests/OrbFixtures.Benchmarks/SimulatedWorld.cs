using System.Diagnostics;
using System.Globalization;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// A private simulator world for one measurement: its own ORBSIM_HOME, log and scenario (a
/// <see cref="SimulatorSandbox"/>) plus its own ownership ledger, all under one temp directory removed on dispose.
/// </summary>
internal sealed class SimulatedWorld : IDisposable
{
    public SimulatedWorld(string scenarioJson) => Sandbox = new SimulatorSandbox(scenarioJson);

    public SimulatorSandbox Sandbox { get; }

    /// <summary>Options that point OrbFixtures at this world's simulator and ledger.</summary>
    public OrbFixturesOptions Options => new()
    {
        OrbctlPath = SimulatorSandbox.OrbctlPath,
        OrbctlEnvironment = Sandbox.Environment,
        StateDirectory = Path.Combine(Sandbox.Root, "state"),
        NamePrefix = "bench",
    };

    /// <summary>What a measurement left behind: machines still listed, or orbctl processes still running.
    /// Empty when nothing leaked.</summary>
    public async Task<string> LeaksAsync()
    {
        var problems = new List<string>();
        var listed = await Sandbox.RunAsync("list", "-q");
        var machines = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (machines.Length > 0) problems.Add($"{machines.Length} machine(s) left: {string.Join(", ", machines)}");
        var running = Sandbox.ReadLog().Where(i => i.EndedAt is null && IsRunning(i.Pid)).ToList();
        if (running.Count > 0) problems.Add($"{running.Count} orbctl process(es) still running: " +
                                            string.Join(", ", running.Select(i => $"{i.Pid} {string.Join(' ', i.Argv)}")));
        return string.Join("; ", problems);
    }

    /// <summary>With <c>--trace</c>, every orbctl invocation of this world goes to stderr (start offset, duration,
    /// exit code, fault, argv), to see where the time of a measurement went.</summary>
    public static bool Trace { get; set; }

    public void Dispose()
    {
        if (Trace) WriteTimeline();
        Sandbox.Dispose();
    }

    private void WriteTimeline()
    {
        var log = Sandbox.ReadLog();
        if (log.Count == 0) return;
        var origin = log[0].StartedAt;
        Console.Error.WriteLine($"[trace] {Sandbox.Root}: {log.Count} orbctl invocations");
        foreach (var i in log)
        {
            var took = i.EndedAt is { } end ? $"{(end - i.StartedAt).TotalMilliseconds,6:0} ms" : "killed   ";
            Console.Error.WriteLine(FormattableString.Invariant(
                $"[trace] +{(i.StartedAt - origin).TotalMilliseconds,7:0} ms {took} exit {i.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",3} {i.Fault ?? ""} {string.Join(' ', i.Argv)}"));
        }
    }

    private static bool IsRunning(int pid)
    {
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
}
