using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// skip-cost: what a suite of 200 <c>[MachineFact]</c> tests costs on a machine without OrbStack, against 200
/// statically skipped <c>[Fact(Skip = ...)]</c> tests, on xUnit v2 (VSTest) and on xUnit v3 (Microsoft Testing
/// Platform, the row <c>skip-cost-v3</c>). For each, both generated projects are built first; then
/// <c>dotnet test --no-build</c> runs of each alternate (order swapped every round) and the medians are compared.
/// No orbctl is reachable: ORBFIXTURES_ORBCTL points at a missing file and PATH has no directory holding orbctl.
/// </summary>
internal sealed partial class SkipCostBenchmark : IBenchmark
{
    private const double TargetRatio = 1.15;
    private static readonly TimeSpan s_testTimeout = TimeSpan.FromMinutes(3);

    public string Name => "skip-cost";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table) =>
    [
        await MeasureAsync(XunitVersion.V2, Name, settings, table),
        await MeasureAsync(XunitVersion.V3, Name + "-v3", settings, table),
    ];

    private static async Task<Figure> MeasureAsync(XunitVersion xunit, string name, BenchmarkSettings settings, ResultTable table)
    {
        using var suites = new GeneratedSuites(xunit);
        var environment = IsolatedEnvironment(suites.Root);
        var build = await ChildProcess.RunAsync(ChildProcess.Dotnet,
            ["build", suites.Solution, "-c", Configuration, "--disable-build-servers", "-nologo", "-v", "q"],
            environment, suites.Root, TimeSpan.FromMinutes(4));
        if (build.ExitCode != 0) throw new InvalidOperationException($"Building the generated {xunit} suites failed ({build.ExitCode}):\n{build.Output}");

        string[] order = [GeneratedSuites.MachineSuite, GeneratedSuites.SkipSuite];
        foreach (var suite in order) await RunSuiteAsync(suites, suite, environment); // warm-up
        var times = order.ToDictionary(s => s, _ => new List<TimeSpan>());
        var problems = new List<string>();
        for (var round = 0; round < settings.Repetitions(4, 1); round++)
        {
            foreach (var suite in round % 2 == 0 ? order : order.Reverse())
            {
                var run = await RunSuiteAsync(suites, suite, environment);
                times[suite].Add(run.Elapsed);
                if (run.Problem is not null) problems.Add($"{suite}: {run.Problem}");
            }
        }

        var machine = new Samples(times[GeneratedSuites.MachineSuite]);
        var skipped = new Samples(times[GeneratedSuites.SkipSuite]);
        var ratio = machine.Median / skipped.Median;
        var check = problems.Count == 0 ? $"all {GeneratedSuites.Tests} skipped in every run" : "PROBLEM: " + string.Join("; ", problems.Distinct());
        var runner = xunit == XunitVersion.V3 ? "xUnit v3 on Microsoft Testing Platform" : "xUnit v2 on VSTest";
        table.Add(name, $"build of both generated suites ({runner})", Samples.Seconds(build.Elapsed), "not part of the figure");
        table.Add(name, $"dotnet test --no-build, {GeneratedSuites.Tests} [MachineFact], no orbctl", machine.ToString(), check);
        table.Add(name, $"dotnet test --no-build, {GeneratedSuites.Tests} [Fact(Skip)]", skipped.ToString(), "");
        table.Add(name, "ratio (MachineFact / Fact(Skip))", Samples.Ratio(ratio),
            $"difference {Samples.Millis(machine.Median - skipped.Median)} for {GeneratedSuites.Tests} tests");
        return new Figure(name, Samples.Ratio(ratio), $"<= {TargetRatio:0.00}x", ratio <= TargetRatio && problems.Count == 0);
    }

    private static async Task<(TimeSpan Elapsed, string? Problem)> RunSuiteAsync(GeneratedSuites suites, string suite,
        IReadOnlyDictionary<string, string> environment)
    {
        var run = await ChildProcess.RunAsync(ChildProcess.Dotnet, suites.TestArguments(suite, Configuration),
            environment, suites.Root, s_testTimeout);
        var skippedCount = SkippedCount().Match(run.Output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        string? problem = null;
        if (run.ExitCode != 0) problem = $"dotnet test exited {run.ExitCode}";
        else if (skippedCount != GeneratedSuites.Tests) problem = $"{(skippedCount < 0 ? "no" : skippedCount)} skipped tests reported";
        if (problem is not null)
            problem += ": " + string.Join(" / ", run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        return (run.Elapsed, problem);
    }

    /// <summary>This process's environment minus anything that would leak configuration into the runs, with no orbctl
    /// reachable (ORBFIXTURES_ORBCTL at a missing file, PATH without orbctl) and the ledger in the temp directory.</summary>
    private static Dictionary<string, string> IsolatedEnvironment(string root)
    {
        string[] stripped = ["ORBFIXTURES_", "ORBSIM_", "VSTEST_", "MSBuild", "MSBUILD", "_MSBUILD", "DOTNET_HOST_PATH"];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (!stripped.Any(p => key.StartsWith(p, StringComparison.Ordinal))) environment[key] = (string?)entry.Value ?? "";
        }
        environment["PATH"] = string.Join(Path.PathSeparator,
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(d => !File.Exists(Path.Combine(d, "orbctl"))));
        environment["ORBFIXTURES_ORBCTL"] = Path.Combine(root, "nowhere", "orbctl");
        environment["ORBFIXTURES_STATE_DIR"] = Path.Combine(root, "state");
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Nothing may outlive the benchmark: no MSBuild nodes or compiler servers left running.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        return environment;
    }

    private static string Configuration { get; } = typeof(SkipCostBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BuildConfiguration").Value!;

    // VSTest's totals line says "Skipped: 200", Microsoft Testing Platform's summary "skipped: 200".
    [GeneratedRegex(@"[Ss]kipped:\s+(\d+)")]
    private static partial Regex SkippedCount();
}
