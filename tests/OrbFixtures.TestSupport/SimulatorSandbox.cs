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

    /// <summary>Full path of the simulator's apphost (named <c>orbctl</c>) in its build output.</summary>
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

    /// <summary>Every orbctl invocation logged so far, in completion order.</summary>
    public IReadOnlyList<LoggedInvocation> ReadLog()
    {
        if (!File.Exists(LogPath)) return [];
        var lines = ReadShared(LogPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => JsonSerializer.Deserialize<LoggedInvocation>(l, LoggedInvocation.JsonOptions)!).ToList();
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

/// <summary>One line of the simulator's ORBSIM_LOG (JSON lines).</summary>
public sealed record LoggedInvocation(
    string[] Argv, int ExitCode, DateTimeOffset StartedAt, DateTimeOffset EndedAt, int Pid, string? Fault)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The subcommand (first argv element), or empty.</summary>
    public string Command => Argv.Length > 0 ? Argv[0] : "";
}
