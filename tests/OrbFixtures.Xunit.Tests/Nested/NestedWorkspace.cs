using OrbFixtures.TestSupport;

namespace OrbFixtures.Xunit.Tests.Nested;

/// <summary>
/// A temporary directory for one nested run: TRX results, the ownership ledger (ORBFIXTURES_STATE_DIR, never the
/// user's), the execution-order log and any runsettings file. Deleted on dispose.
/// </summary>
internal sealed class NestedWorkspace : IDisposable
{
    private const string Prefix = "of-nested-";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory(Prefix);

    private NestedWorkspace()
    {
    }

    /// <summary>Builds the nested projects first (once per process), so that a run killed during the long build
    /// leaves no workspace behind.</summary>
    public static async Task<NestedWorkspace> CreateAsync()
    {
        await NestedProjects.DllAsync(NestedProjects.MachineSuite);
        RemoveStaleWorkspaces();
        return new NestedWorkspace();
    }

    /// <summary>A test process killed from outside (a CI timeout, Ctrl-C) cannot clean up; the next run removes what it
    /// left. An hour is far beyond any live run's bound, so a concurrent run's workspace is never touched.</summary>
    private static void RemoveStaleWorkspaces()
    {
        var cutoff = DateTime.UtcNow - TimeSpan.FromHours(1);
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(Prefix + "*")
                     .Where(d => d.LastWriteTimeUtc < cutoff))
        {
            try { stale.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public string Root => _root.FullName;
    public string StateDirectory => Path.Combine(Root, "state");
    public string OrderLog => Path.Combine(Root, "order.log");
    public string ReportPath => Path.Combine(Root, "report.json");

    /// <summary>The lines the nested tests wrote to MACHINESUITE_LOG, in execution order.</summary>
    public IReadOnlyList<string> ReadOrderLog() => File.Exists(OrderLog) ? File.ReadAllLines(OrderLog) : [];

    /// <summary>Base environment plus the workspace's own state directory and order log, then <paramref name="variables"/>.</summary>
    public Dictionary<string, string> Environment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var environment = NestedEnvironment.Base();
        environment["ORBFIXTURES_STATE_DIR"] = StateDirectory;
        environment["MACHINESUITE_LOG"] = OrderLog;
        foreach (var (key, value) in variables) environment[key] = value;
        return environment;
    }

    /// <summary>Runs <paramref name="project"/>'s built tests with this environment, optionally filtered and with a runsettings file.</summary>
    public async Task<NestedRunResult> RunAsync(string project, IEnumerable<KeyValuePair<string, string>> variables,
        string? filter = null, string? runSettings = null)
    {
        var dll = await NestedProjects.DllAsync(project);
        var results = Path.Combine(Root, "results-" + Guid.NewGuid().ToString("N")[..8]);
        List<string> arguments = ["test", dll, "--results-directory", results, "--logger", "trx;LogFileName=result.trx"];
        if (filter is not null) arguments.AddRange(["--filter", filter]);
        if (runSettings is not null)
        {
            var settingsPath = Path.Combine(Root, "run-" + Guid.NewGuid().ToString("N")[..8] + ".runsettings");
            await File.WriteAllTextAsync(settingsPath, runSettings);
            arguments.AddRange(["--settings", settingsPath]);
        }
        var (exitCode, output, _) = await ChildProcess.RunAsync(ChildProcess.Dotnet, arguments, Environment(variables), Root,
            TimeSpan.FromMinutes(5)); // generous: only a hang should ever reach it, and the host may be busy
        return NestedRunResult.Read(exitCode, output, Path.Combine(results, "result.trx"));
    }

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
