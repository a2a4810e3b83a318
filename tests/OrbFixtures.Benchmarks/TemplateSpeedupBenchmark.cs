using System.Diagnostics;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// template-speedup: 8 machines that each need a setup step costing S = 30 s of simulated time, made from scratch
/// (create, then the step: <c>ORBFIXTURES_TEMPLATES=off</c>, the same recipe) versus cloned from a template built once:
/// cold (the template is built in the measured run) and warm (built by an earlier run in the same ORBSIM_HOME and
/// ledger). The headline provisions the 8 machines one after another, the issue's cost model (each machine pays
/// create + S, or clone + first boot): 8 × (create + S) against create + S + 8 × (clone + boot). A row also shows all 8
/// requested at once under the default create gate, where the simulator runs the 8 setup steps side by side for free.
/// </summary>
internal sealed class TemplateSpeedupBenchmark : IBenchmark
{
    private const int Machines = 8;
    private const double TargetWarm = 10;
    private const double TargetCold = 4;

    public string Name => "template-speedup";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        // timeScale compresses OrbStack's work but not an orbctl process's cost, so it weighs that cost T times what it
        // would weigh on a Mac. The full run uses 2 (a from-scratch trial takes about 3 minutes); the quick run 10 (S
        // takes 3 s), where on a loaded machine process cost, not templates, decides the ratios.
        var timeScale = settings.Quick ? 10 : 2;
        var scratch = new List<Trial>();
        var cold = new List<Trial>();
        var warm = new List<Trial>();
        // Alternated, so a change in machine load hits every side; each cold trial has a world of its own, and its warm
        // trials are the next runs in that world (a new session, the same ORBSIM_HOME and ledger).
        for (var i = 0; i < settings.Repetitions(2, 1); i++)
        {
            scratch.Add(await ScratchTrialAsync(timeScale, oneAtATime: true));
            using var world = NewWorld(timeScale);
            cold.Add(await TrialAsync(world, templates: true, oneAtATime: true));
            warm.Add(await TrialAsync(world, templates: true, oneAtATime: true));
            warm.Add(await TrialAsync(world, templates: true, oneAtATime: true));
            warm[^1] = warm[^1] with { Leftovers = await LeftoversAsync(world, templates: 1) };
        }

        var s = new Samples(scratch.Select(t => t.AllReady));
        var c = new Samples(cold.Select(t => t.AllReady));
        var w = new Samples(warm.Select(t => t.AllReady));
        var warmRatio = s.Median / w.Median;
        var coldRatio = s.Median / c.Median;
        var d = TemplateScenario.Published;
        var createAndSetup = d.Create + d.Provisioning + TemplateScenario.SetupMs;
        var cloneAndBoot = d.Cloning + d.CloneFirstBoot;
        var ideal = (Scratch: Machines * createAndSetup, Cold: createAndSetup + d.Stop + (Machines * cloneAndBoot), Warm: Machines * cloneAndBoot);
        table.Add(Name, $"{Machines} machines one after another, from scratch (templates off)", s.ToString(),
            Describe(scratch, builds: 0, clones: 0, steps: Machines) + $"; simulated floor {Machines} × (create + S) = {TemplateScenario.Simulated(ideal.Scratch)}");
        table.Add(Name, $"{Machines} clones one after another, cold (template built in the run)", c.ToString(),
            Describe(cold, builds: 1, clones: Machines, steps: 1) + $"; simulated floor create + S + stop + {Machines} × (clone + first boot) = {TemplateScenario.Simulated(ideal.Cold)}");
        table.Add(Name, $"{Machines} clones one after another, warm (template from an earlier run)", w.ToString(),
            Describe(warm, builds: 0, clones: Machines, steps: 0) + $"; simulated floor {Machines} × (clone + first boot) = {TemplateScenario.Simulated(ideal.Warm)}");
        table.Add(Name, "speed-up warm / cold (scratch ÷ clones)", $"{Samples.Ratio(warmRatio)} / {Samples.Ratio(coldRatio)}",
            $"the simulated durations alone would give {Samples.Ratio(ideal.Scratch / (double)ideal.Warm)} / {Samples.Ratio(ideal.Scratch / (double)ideal.Cold)}; " +
            Durations(timeScale));

        if (!settings.Quick) await AllAtOnceAsync(table, timeScale);

        return [new Figure(Name, $"warm {Samples.Ratio(warmRatio)}, cold {Samples.Ratio(coldRatio)} ({Samples.Seconds(s.Median)} from scratch, " +
                $"{Samples.Seconds(w.Median)} warm, {Samples.Seconds(c.Median)} cold; {Machines} machines, S = {TemplateScenario.Simulated(TemplateScenario.SetupMs)} at timeScale {timeScale})",
            $">= {TargetWarm:0}x warm and >= {TargetCold:0}x cold", warmRatio >= TargetWarm && coldRatio >= TargetCold)];
    }

    /// <summary>The same three sides with all 8 machines requested at once (a fixture's way) under the default gate: for
    /// the record, no target. The simulator charges nothing for 8 setup steps at the same time (a real OrbStack VM shares
    /// its cores among its machines), so this flatters the from-scratch side.</summary>
    private static async Task AllAtOnceAsync(ResultTable table, int timeScale)
    {
        var scratch = await ScratchTrialAsync(timeScale, oneAtATime: false);
        using var world = NewWorld(timeScale);
        var cold = await TrialAsync(world, templates: true, oneAtATime: false);
        var warm = await TrialAsync(world, templates: true, oneAtATime: false);
        warm = warm with { Leftovers = await LeftoversAsync(world, templates: 1) };
        var gate = BenchmarkTuning.Options.MaxParallelCreates;
        table.Add("template-speedup", $"{Machines} at once (gate {gate}): scratch / cold / warm",
            $"{Samples.Seconds(scratch.AllReady)} / {Samples.Seconds(cold.AllReady)} / {Samples.Seconds(warm.AllReady)}",
            $"speed-up warm {Samples.Ratio(scratch.AllReady / warm.AllReady)}, cold {Samples.Ratio(scratch.AllReady / cold.AllReady)} (no target: the " +
            "simulator runs the 8 setup steps side by side at no cost); " + Describe([scratch, cold, warm], builds: -1, clones: -1, steps: -1));
    }

    private static SimulatedWorld NewWorld(int timeScale) => new(TemplateScenario.Json(timeScale, TemplateScenario.SetupMs), BenchmarkTuning.Options);

    private static async Task<Trial> ScratchTrialAsync(int timeScale, bool oneAtATime)
    {
        using var world = NewWorld(timeScale);
        var trial = await TrialAsync(world, templates: false, oneAtATime);
        return trial with { Leftovers = await LeftoversAsync(world, templates: 0) };
    }

    private static async Task<Trial> TrialAsync(SimulatedWorld world, bool templates, bool oneAtATime)
    {
        var before = world.Log.Count;
        var options = world.Options() with { Templates = templates ? TemplateMode.Reuse : TemplateMode.Off };
        var specs = Enumerable.Range(1, Machines).Select(i => MachineSpec.FromTemplate(TemplateScenario.Template, $"m{i}")).ToList();
        TimeSpan allReady;
        await using (var provisioner = new MachineProvisioner(options))
        {
            var stopwatch = Stopwatch.StartNew();
            if (oneAtATime)
            {
                foreach (var spec in specs) await provisioner.EnsureAsync(spec);
            }
            else
            {
                await Task.WhenAll(specs.Select(spec => provisioner.EnsureAsync(spec)));
            }
            allReady = stopwatch.Elapsed;
        }
        var log = world.Log.Skip(before).ToList();
        return new Trial(allReady, TemplateScenario.TemplateCreates(log), TemplateScenario.Clones(log), TemplateScenario.SetupSteps(log), "");
    }

    /// <summary>Nothing but the expected number of template machines may be left in <paramref name="world"/>.</summary>
    private static async Task<string> LeftoversAsync(SimulatedWorld world, int templates)
    {
        var (leaks, found) = await TemplateScenario.LeftoversAsync(world);
        return found == templates ? leaks : $"{leaks}{(leaks.Length == 0 ? "" : "; ")}{found} template machine(s), expected {templates}";
    }

    private static string Durations(int timeScale) => $"simulated (published profile): create {TemplateScenario.Simulated(TemplateScenario.Published.Create)} + provisioning " +
        $"{TemplateScenario.Simulated(TemplateScenario.Published.Provisioning)}, S = {TemplateScenario.Simulated(TemplateScenario.SetupMs)}, " +
        $"clone {TemplateScenario.Simulated(TemplateScenario.Published.Cloning)}, clone first boot {TemplateScenario.Simulated(TemplateScenario.Published.CloneFirstBoot)}, " +
        $"stop {TemplateScenario.Simulated(TemplateScenario.Published.Stop)}; timeScale {timeScale}";

    // Says what each trial did (from the invocation log), so a figure from an unexpected path shows; -1: not checked.
    private static string Describe(IReadOnlyList<Trial> trials, int builds, int clones, int steps)
    {
        var did = string.Join(", ", trials.Select(t => (t.Builds, t.Clones, t.Steps)).Distinct()
            .Select(x => $"{x.Builds} template build(s), {x.Clones} clone(s), {x.Steps} setup step(s)"));
        var expected = (builds < 0 || trials.All(t => t.Builds == builds)) && (clones < 0 || trials.All(t => t.Clones == clones))
                       && (steps < 0 || trials.All(t => t.Steps == steps));
        var leaks = trials.Select(t => t.Leftovers).Where(l => l.Length > 0).ToList();
        return did + (expected ? "" : $" (UNEXPECTED: {builds} build(s), {clones} clone(s), {steps} step(s) expected)") +
               (leaks.Count == 0 ? "; nothing leaked" : "; LEAKED: " + string.Join(" / ", leaks));
    }

    private sealed record Trial(TimeSpan AllReady, int Builds, int Clones, int Steps, string Leftovers);
}
