using System.Diagnostics;
using System.Globalization;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// clone-efficiency: the time until 8 clones of a ready template are ready (all requested at once, default options),
/// divided by the critical path the simulator itself imposes: the clones go through the create gate in waves of its
/// width, the last wave's clone is followed by that clone's first boot, and readiness may take up to one poll interval.
/// At 1.0 OrbFixtures adds nothing on top of OrbStack's own work. The template is built before (not measured), and
/// the simulated durations run in real time (timeScale 1), so orbctl processes weigh what they would against OrbStack.
/// </summary>
internal sealed class CloneEfficiencyBenchmark : IBenchmark
{
    private const int Machines = 8;
    private const int TimeScale = 1;
    private const double TargetRatio = 1.15;

    public string Name => "clone-efficiency";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        // No setup step cost: only clone and boot are measured; building the template takes create + stop.
        using var world = new SimulatedWorld(TemplateScenario.Json(TimeScale, setupMs: 0), BenchmarkTuning.Options);
        var options = world.Options();
        var build = Stopwatch.StartNew();
        await using (var builder = new MachineProvisioner(options))
            await builder.EnsureAsync(MachineSpec.FromTemplate(TemplateScenario.Template, "builder"));
        var built = build.Elapsed;

        var trials = new List<Trial>();
        for (var i = 0; i < settings.Repetitions(3, 1); i++) trials.Add(await TrialAsync(world, options));
        var (leaks, templates) = await TemplateScenario.LeftoversAsync(world);
        var processCost = await TemplateScenario.ProcessCostAsync(world);

        var d = TemplateScenario.Published;
        var gate = options.MaxParallelCreates;
        var waves = (Machines + gate - 1) / gate;
        var bare = TimeSpan.FromMilliseconds(((waves * d.Cloning) + d.CloneFirstBoot) / (double)TimeScale);
        var critical = bare + options.PollInterval;
        var how = string.Create(CultureInfo.InvariantCulture,
            $"critical path = ⌈{Machines} / gate {gate}⌉ = {waves} waves × clone {d.Cloning} ms + first boot {d.CloneFirstBoot} ms " +
            $"+ one poll interval {options.PollInterval.TotalMilliseconds:0} ms = {Samples.Seconds(critical)} (published durations, timeScale {TimeScale})");
        var ready = new Samples(trials.Select(t => t.AllReady));
        var ratio = ready.Median / critical;
        var clones = trials.Select(t => t.Clones).Distinct().ToList();
        table.Add(Name, $"{Machines} clones of a ready template ready (all at once)", ready.ToString(),
            $"clones per trial: {string.Join(", ", clones)}{(clones.SequenceEqual([Machines]) ? "" : $" (UNEXPECTED: {Machines} expected)")}; " +
            $"peak concurrent clones {trials.Max(t => t.PeakClones)} (gate {gate}); template built before in {Samples.Seconds(built)}; " +
            (leaks.Length == 0 && templates == 1 ? "nothing leaked" : $"LEAKED: {leaks}, {templates} template(s)"));
        table.Add(Name, "ratio to the simulator's critical path", Samples.Ratio(ratio), how);
        table.Add(Name, "ratio without the poll interval", Samples.Ratio(ready.Median / bare),
            $"against {Samples.Seconds(bare)}: the clones' waves and the last first boot only (no readiness allowance); an orbctl process " +
            $"cost {Samples.Millis(processCost)} in this run, and the critical path runs through 9 of them (the lookup, 4 waves of clones, info, start, info, the probe)");
        return [new Figure(Name, $"{Samples.Ratio(ratio)} ({Samples.Seconds(ready.Median)} for {Machines} clones; critical path {Samples.Seconds(critical)})",
            $"<= {TargetRatio:0.00}x", ratio <= TargetRatio)];
    }

    private static async Task<Trial> TrialAsync(SimulatedWorld world, OrbFixturesOptions options)
    {
        var before = world.Log.Count;
        TimeSpan allReady;
        await using (var provisioner = new MachineProvisioner(options))
        {
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(1, Machines)
                .Select(i => provisioner.EnsureAsync(MachineSpec.FromTemplate(TemplateScenario.Template, $"c{i}"))));
            allReady = stopwatch.Elapsed;
        }
        var log = world.Log.Skip(before).ToList();
        return new Trial(allReady, TemplateScenario.Clones(log), PeakClones(log));
    }

    // From the invocation log: how many clone processes ran at the same time at most (the gate should bound it).
    private static int PeakClones(IEnumerable<LoggedInvocation> log) =>
        Concurrency.Peak(log.Where(i => i.Command == "clone" && i.EndedAt is not null).Select(i => (i.StartedAt, i.EndedAt!.Value)));

    private sealed record Trial(TimeSpan AllReady, int Clones, int PeakClones);
}
