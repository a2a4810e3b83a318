using System.Diagnostics;
using System.Globalization;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// The world of the template benchmarks (issue 16): the simulator's <c>published</c> durations (its README, "Durations
/// and their sources"), written out here so that the figures can state and compute with them, plus one setup step whose
/// simulated cost is given (a scripted <c>run</c> answer with <c>durationMs</c>). <c>timeScale</c> compresses all of
/// it: with 10, a 30 s step takes 3 s of wall time and the 500 ms clone 50 ms. The engine's own waits (poll interval,
/// timeouts) and every orbctl process's cost are not compressed, so a higher scale weighs OrbFixtures' overhead more.
/// </summary>
internal static class TemplateScenario
{
    /// <summary>S: the simulated cost of the setup step every machine of <c>template-speedup</c> needs.</summary>
    public const int SetupMs = 30_000;

    /// <summary>The setup step (what a suite would run: install its packages).</summary>
    public static readonly string[] SetupCommand = ["apt-get", "install", "-y", "app-deps"];

    /// <summary>The recipe every machine of the template benchmarks is made from: one setup step, a pinned image.</summary>
    public static MachineTemplate Template { get; } = MachineTemplate.Create("app", "ubuntu:24.04").WithSetupStep(SetupCommand);

    /// <summary>The <c>published</c> profile's durations in simulated milliseconds (kept equal to the simulator's).</summary>
    public static SimDurations Published { get; } = new(Create: 12_000, Provisioning: 3_000, Start: 1_000, CloneFirstBoot: 2_000,
        Stop: 1_000, Restart: 2_000, Delete: 1_000, Cloning: 500);

    /// <summary>The scenario file: <see cref="Published"/> durations and a setup step of <paramref name="setupMs"/>,
    /// compressed by <paramref name="timeScale"/>.</summary>
    public static string Json(int timeScale, int setupMs)
    {
        var d = Published;
        var command = string.Join(", ", SetupCommand.Select(c => $"\"{c}\""));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "timeScale": {{timeScale}},
              "durations": { "profile": "published", "create": {{d.Create}}, "provisioning": {{d.Provisioning}}, "cloudInit": 0,
                             "start": {{d.Start}}, "cloneFirstBoot": {{d.CloneFirstBoot}}, "stop": {{d.Stop}}, "restart": {{d.Restart}},
                             "delete": {{d.Delete}}, "clone": {{d.Cloning}}, "daemonStart": 0 },
              "run": [ { "command": [{{command}}], "durationMs": {{setupMs}}, "stdout": "done\n" } ]
            }
            """);
    }

    /// <summary>Seconds of simulated time, e.g. <c>12 s</c> or <c>0.5 s</c>.</summary>
    public static string Simulated(int milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.###} s");

    /// <summary>What a run left behind besides its template machines (which persist across runs by design): machines and
    /// orbctl processes, as one line (empty when nothing leaked); and how many template machines there are.</summary>
    public static async Task<(string Leaks, int Templates)> LeftoversAsync(SimulatedWorld world)
    {
        var machines = await world.ListAsync();
        var templates = machines.Count(IsTemplate);
        var problems = new List<string>();
        var others = machines.Where(m => !IsTemplate(m)).Select(m => m.Name).ToList();
        if (others.Count > 0) problems.Add($"{others.Count} machine(s) left: {string.Join(", ", others)}");
        var running = world.RunningOrbctl();
        if (running.Count > 0) problems.Add($"{running.Count} orbctl process(es) still running");
        return (string.Join("; ", problems), templates);
    }

    /// <summary>The <c>create</c> invocations of template machines (<c>&lt;prefix&gt;-tpl-…</c>) among <paramref name="log"/>: template builds.</summary>
    public static int TemplateCreates(IEnumerable<LoggedInvocation> log) =>
        log.Count(i => i.Command == "create" && i.Argv[^1].Contains(TemplateMarker, StringComparison.Ordinal));

    /// <summary>The <c>clone</c> invocations among <paramref name="log"/>.</summary>
    public static int Clones(IEnumerable<LoggedInvocation> log) => log.Count(i => i.Command == "clone");

    /// <summary>The setup steps run (<c>run … apt-get install …</c>) among <paramref name="log"/>.</summary>
    public static int SetupSteps(IEnumerable<LoggedInvocation> log) =>
        log.Count(i => i.Command == "run" && i.Argv.Contains(SetupCommand[0]));

    /// <summary>What one orbctl process costs now, start to exit (median of 10 <c>info</c> calls of a missing machine):
    /// the load-dependent part of every figure here (about 15-20 ms on an idle machine, like the real orbctl).</summary>
    public static async Task<TimeSpan> ProcessCostAsync(SimulatedWorld world)
    {
        var samples = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await world.Sandbox.RunAsync("info", "no-such-machine");
            samples.Add(stopwatch.Elapsed);
        }
        return new Samples(samples).Median;
    }

    private const string TemplateMarker = "-tpl-";

    private static bool IsTemplate(SimMachine machine) => machine.Name.Contains(TemplateMarker, StringComparison.Ordinal);
}

/// <summary>Simulated durations in milliseconds, by the simulator's <c>durations</c> keys.</summary>
internal sealed record SimDurations(int Create, int Provisioning, int Start, int CloneFirstBoot, int Stop, int Restart, int Delete, int Cloning);
