using System.Reflection;
using System.Security;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// simulator-start: how fast the simulator users install starts. Packs the OrbFixtures.Simulator tool as README.md
/// tells users to (the pointer package, the portable fallback and this machine's NativeAOT package) into a temporary
/// feed, installs it with <c>dotnet tool install OrbFixtures.Simulator</c> into a temporary tool path (a nuget.config
/// naming only that feed, a private package folder), then times <c>orbctl-sim version</c> from process start to exit.
/// </summary>
internal sealed class SimulatorStartBenchmark : IBenchmark
{
    private static readonly TimeSpan s_target = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromMinutes(10);

    public string Name => "simulator-start";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        var root = Directory.CreateTempSubdirectory("of-bench-simstart-");
        try
        {
            var environment = Environment(root.FullName);
            var feed = Path.Combine(root.FullName, "feed");
            var project = Path.Combine(RepositoryRoot, "src", "OrbFixtures.Simulator", "OrbFixtures.Simulator.csproj");
            string[][] packs = [[], ["-r", "any"], ["--use-current-runtime"]];
            var packTime = TimeSpan.Zero;
            foreach (var runtime in packs)
                packTime += (await Checked(["pack", project, "-c", "Release", .. runtime, "-o", feed, "-nologo"], environment, root.FullName)).Elapsed;

            await File.WriteAllTextAsync(Path.Combine(root.FullName, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="packed" value="{SecurityElement.Escape(feed)}" /></packageSources></configuration>
                """);
            var tools = Path.Combine(root.FullName, "tools");
            var install = await Checked(["tool", "install", "OrbFixtures.Simulator", "--tool-path", tools], environment, root.FullName);
            var orbctl = Path.Combine(tools, "orbctl-sim");
            var installed = new FileInfo(orbctl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? orbctl;

            await Version(orbctl, environment, root.FullName); // warm-up: the first start pays for the page cache
            var starts = new List<TimeSpan>();
            for (var i = 0; i < settings.Repetitions(20, 5); i++) starts.Add((await Version(orbctl, environment, root.FullName)).Elapsed);
            var samples = new Samples(starts);

            table.Add(Name, "dotnet pack (pointer, any, this runtime's NativeAOT)", Samples.Seconds(packTime), "not part of the figure");
            table.Add(Name, "dotnet tool install OrbFixtures.Simulator", Samples.Seconds(install.Elapsed), Path.GetRelativePath(tools, installed));
            table.Add(Name, $"orbctl-sim version, start to exit (n={samples.Count})",
                $"{Samples.Millis(samples.Median)} (range {Samples.Millis(samples.Min)}–{Samples.Millis(samples.Max)})", "median is the figure");
            return [new Figure(Name, Samples.Millis(samples.Median), $"< {Samples.Millis(s_target)}", samples.Median < s_target)];
        }
        finally
        {
            try { root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<ChildProcessResult> Checked(string[] arguments, IReadOnlyDictionary<string, string> environment, string directory)
    {
        var run = await ChildProcess.RunAsync(ChildProcess.Dotnet, arguments, environment, directory, s_stepTimeout);
        return run.ExitCode == 0
            ? run
            : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}");
    }

    private static async Task<ChildProcessResult> Version(string orbctl, IReadOnlyDictionary<string, string> environment, string directory)
    {
        var run = await ChildProcess.RunAsync(orbctl, ["version"], environment, directory, TimeSpan.FromMinutes(1));
        return run.ExitCode == 0 && run.Output.Contains("Version:", StringComparison.Ordinal)
            ? run
            : throw new InvalidOperationException($"orbctl-sim version exited {run.ExitCode}: {run.Output}");
    }

    /// <summary>This process's environment without build or OrbFixtures settings, with a private package folder (so the
    /// packages just packed are the ones installed) and the simulator's state in the temporary folder.</summary>
    private static Dictionary<string, string> Environment(string root)
    {
        var environment = ChildProcess.Environment(["ORBFIXTURES_", "ORBSIM_", "VSTEST_", "MSBuild", "MSBUILD", "_MSBUILD", "NUGET_PACKAGES", "DOTNET_HOST_PATH"]);
        environment["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages");
        environment["ORBSIM_HOME"] = Path.Combine(root, "orbsim");
        return environment;
    }

    private static string RepositoryRoot { get; } = typeof(SimulatorStartBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
