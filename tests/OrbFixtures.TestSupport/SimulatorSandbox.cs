using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace OrbFixtures.TestSupport;

/// <summary>
/// A private world for the orbctl simulator: its own state directory (ORBSIM_HOME), invocation log
/// (ORBSIM_LOG) and optional scenario (ORBSIM_SCENARIO), so tests never see each other's machines.
/// Disposing removes the directory.
/// </summary>
public sealed class SimulatorSandbox : IDisposable
{
    private static readonly Lazy<string> s_orbctlPath = new(LocateSimulator);

    public SimulatorSandbox(string? scenarioJson = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "orbsim-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Home = Path.Combine(Root, "home");
        LogPath = Path.Combine(Root, "orbctl.log");
        ScenarioPath = Path.Combine(Root, "scenario.json");
        if (scenarioJson is not null) File.WriteAllText(ScenarioPath, scenarioJson);
    }

    /// <summary>Full path of the simulated <c>orbctl</c> the tests run: the native build, or the apphost (NativeSimulator.targets).</summary>
    public static string OrbctlPath => s_orbctlPath.Value;

    public string Root { get; }
    public string Home { get; }
    public string LogPath { get; }
    public string ScenarioPath { get; }

    /// <summary>The environment variables that point a simulator process at this sandbox.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["ORBSIM_HOME"] = Home,
        ["ORBSIM_LOG"] = LogPath,
        ["ORBSIM_SCENARIO"] = File.Exists(ScenarioPath) ? ScenarioPath : "",
    };

    /// <summary>Writes (or replaces) the scenario file.</summary>
    public void WriteScenario(string json) => File.WriteAllText(ScenarioPath, json);

    /// <summary>
    /// Every orbctl invocation logged so far, in start order. The simulator writes a <c>start</c> line when an
    /// invocation begins and an <c>end</c> line when it exits; an invocation that was killed (a hung create) has
    /// only the start line, so its <see cref="LoggedInvocation.ExitCode"/> and <see cref="LoggedInvocation.EndedAt"/> are null.
    /// </summary>
    public IReadOnlyList<LoggedInvocation> ReadLog()
    {
        if (!File.Exists(LogPath)) return [];
        var events = ReadShared(LogPath).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<LogEvent>(l, LoggedInvocation.JsonOptions)!)
            .ToList();
        var ends = events.Where(e => e.Event == "end").ToDictionary(e => e.Id);
        return events.Where(e => e.Event == "start")
            .Select(s => ends.TryGetValue(s.Id, out var end)
                ? new LoggedInvocation(s.Id, s.Argv, end.ExitCode, s.At, end.At, s.Pid, end.Fault ?? s.Fault)
                : new LoggedInvocation(s.Id, s.Argv, null, s.At, null, s.Pid, s.Fault))
            .OrderBy(i => i.StartedAt)
            .ToList();
    }

    /// <summary>The largest number of invocations of <paramref name="command"/> that were running at one moment.
    /// Invocations without an end (killed) count as running until the last logged moment.</summary>
    public int MaxConcurrent(string command)
    {
        var log = ReadLog().Where(i => i.Command == command).ToList();
        if (log.Count == 0) return 0;
        var last = log.Max(i => i.EndedAt ?? i.StartedAt);
        var edges = log.SelectMany(i => new[] { (At: i.StartedAt, Delta: 1), (At: i.EndedAt ?? last, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta); // an end at the same instant as a start does not overlap
        int current = 0, max = 0;
        foreach (var e in edges) { current += e.Delta; max = Math.Max(max, current); }
        return max;
    }

    /// <summary>Runs the simulator directly (no shell) with this sandbox's environment.</summary>
    public async Task<ProcessOutcome> RunAsync(params string[] argv) => await RunAsync(argv, stdin: null);

    public async Task<ProcessOutcome> RunAsync(IEnumerable<string> argv, string? stdin, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(OrbctlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in argv) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw new TimeoutException($"orbctl {string.Join(' ', argv)} did not exit in time"); }
        return new ProcessOutcome(p.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string ReadShared(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(fs, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string LocateSimulator()
    {
        var path = typeof(SimulatorSandbox).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "OrbSimulatorPath").Value!;
        if (!File.Exists(path))
            throw new FileNotFoundException($"The orbctl simulator was not built at '{path}'. Build OrbFixtures.sln first.", path);
        return path;
    }
}

/// <summary>Exit code and captured output of one process.</summary>
public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError);

/// <summary>One orbctl invocation reconstructed from the simulator's ORBSIM_LOG.</summary>
public sealed record LoggedInvocation(
    string Id, string[] Argv, int? ExitCode, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Pid, string? Fault)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The subcommand (first argv element), or empty.</summary>
    public string Command => Argv.Length > 0 ? Argv[0] : "";
}

/// <summary>
/// One line of ORBSIM_LOG (JSON lines, camelCase):
/// <c>{"event":"start","id":"…","pid":123,"at":"2026-…Z","argv":["create","ubuntu","x"],"fault":null}</c> and
/// <c>{"event":"end","id":"…","pid":123,"at":"…","argv":[…],"exitCode":0,"fault":"delay"}</c>.
/// </summary>
public sealed record LogEvent(string Event, string Id, int Pid, DateTimeOffset At, string[] Argv, int? ExitCode, string? Fault);
