using System.Diagnostics;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// template-contention: 4 test processes (tests/OrbFixtures.TestChild sessions, one ledger, one ORBSIM_HOME) started
/// together, each needing <see cref="MachinesPerSession"/> clones of the same template that does not exist yet. Exactly
/// one of them may build it (the others wait on its cross-process lock and clone): the figure is the number of
/// template builds, counted as <c>create</c> invocations of the template's name in the simulator's invocation log.
/// </summary>
internal sealed class TemplateContentionBenchmark : IBenchmark
{
    private const int Sessions = 4;
    private const int MachinesPerSession = 2;
    // The build takes about 4.7 s of wall time (create 15 s + S 30 s + stop 1 s, simulated): the sessions, which start in
    // a second or two, all ask for the template while it is being built.
    private const int TimeScale = 10;
    private static readonly TimeSpan s_sessionTimeout = TimeSpan.FromMinutes(3);

    public string Name => "template-contention";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        var trials = new List<Trial>();
        for (var i = 0; i < settings.Repetitions(2, 1); i++) trials.Add(await TrialAsync());

        var builds = trials.Max(t => t.Builds);
        foreach (var (trial, n) in trials.Select((t, n) => (t, n + 1)))
        {
            table.Add(Name, $"trial {n}: template builds / clones", $"{trial.Builds} / {trial.Clones}",
                $"{Sessions} sessions × {MachinesPerSession} machines started together; all ready and released in {Samples.Seconds(trial.Elapsed)}; " +
                (trial.Clones == Sessions * MachinesPerSession ? "" : $"UNEXPECTED: {Sessions * MachinesPerSession} clones expected; ") +
                (trial.Problems.Length == 0 ? "every session exited 0, nothing leaked" : "PROBLEMS: " + trial.Problems));
        }
        var pass = builds == 1 && trials.All(t => t.Clones == Sessions * MachinesPerSession && t.Problems.Length == 0);
        return [new Figure(Name, $"{builds} template build(s) for {Sessions} sessions started together ({Sessions} × {MachinesPerSession} clones, " +
                $"worst of {trials.Count} trial(s))", "1 build, and every clone made", pass)];
    }

    private static async Task<Trial> TrialAsync()
    {
        using var world = new SimulatedWorld(TemplateScenario.Json(TimeScale, TemplateScenario.SetupMs), BenchmarkTuning.Options);
        var recipe = new ChildTemplate(TemplateScenario.Template.LogicalName, TemplateScenario.Template.Image, [TemplateScenario.SetupCommand]);
        var configs = Enumerable.Range(1, Sessions).Select(s => world.ChildConfig(world.StateDirectory,
                Enumerable.Range(1, MachinesPerSession).Select(m => new ChildMachine($"s{s}m{m}", recipe.Image)).ToList(), hold: false,
                c => c with { Template = recipe }))
            .ToList();
        var stopwatch = Stopwatch.StartNew();
        var children = configs.Select((path, n) => ChildSession.Start($"contender-{n + 1}", path)).ToList();
        var problems = new List<string>();
        try
        {
            foreach (var child in children)
            {
                var exit = await child.WaitForExitAsync(s_sessionTimeout);
                var ready = child.ReadyMachines().Count;
                if (exit != 0 || ready != MachinesPerSession)
                    problems.Add($"{child.Label} exited {exit} with {ready} ready machine(s): {child.Lines.LastOrDefault()}");
            }
        }
        finally
        {
            foreach (var child in children) await child.DisposeAsync();
        }
        var elapsed = stopwatch.Elapsed;
        var log = world.Log;
        var (leaks, templates) = await TemplateScenario.LeftoversAsync(world);
        if (leaks.Length > 0) problems.Add(leaks);
        if (templates != 1) problems.Add($"{templates} template machine(s) left, 1 expected");
        return new Trial(TemplateScenario.TemplateCreates(log), TemplateScenario.Clones(log), elapsed, string.Join("; ", problems));
    }

    private sealed record Trial(int Builds, int Clones, TimeSpan Elapsed, string Problems);
}
