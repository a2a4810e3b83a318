using System.Diagnostics;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// fresh-clone: what <c>[MachineFact(Fresh = true)]</c> costs after a test: renewing a machine from its template
/// (<see cref="MachineProvisioner.RenewAsync"/>: delete, clone, first boot, readiness) against restarting the same
/// machine (<see cref="Machine.RestartAsync"/>: restart, readiness), alternated on one machine, with the published
/// durations in real time (timeScale 1). The target is on OrbFixtures' share: a renewal takes at most 1.25 × what
/// the simulator itself imposes (delete + clone + first boot), the bound the <c>overhead</c> benchmark uses.
/// </summary>
internal sealed class FreshCloneBenchmark : IBenchmark
{
    private const int TimeScale = 1;
    private const double TargetOverhead = 1.25;

    public string Name => "fresh-clone";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        using var world = new SimulatedWorld(TemplateScenario.Json(TimeScale, setupMs: 0), BenchmarkTuning.Options);
        var renewals = new List<TimeSpan>();
        var restarts = new List<TimeSpan>();
        var before = 0;
        await using (var provisioner = new MachineProvisioner(world.Options()))
        {
            // Builds the template (not measured), then alternates a restart and a renewal of the same machine.
            var machine = await provisioner.EnsureAsync(MachineSpec.FromTemplate(TemplateScenario.Template, "db"));
            before = world.Log.Count;
            for (var i = 0; i < settings.Repetitions(5, 1); i++)
            {
                var stopwatch = Stopwatch.StartNew();
                await machine.RestartAsync();
                restarts.Add(stopwatch.Elapsed);
                stopwatch.Restart();
                machine = await provisioner.RenewAsync(machine);
                renewals.Add(stopwatch.Elapsed);
            }
        }
        var log = world.Log.Skip(before).ToList();
        var (leaks, templates) = await TemplateScenario.LeftoversAsync(world);
        var processCost = await TemplateScenario.ProcessCostAsync(world);

        var d = TemplateScenario.Published;
        var floor = TimeSpan.FromMilliseconds((d.Delete + d.Cloning + d.CloneFirstBoot) / (double)TimeScale);
        var renew = new Samples(renewals);
        var restart = new Samples(restarts);
        var overhead = renew.Median / floor;
        var clones = TemplateScenario.Clones(log);
        table.Add(Name, "renew from the template (Fresh = true): delete + clone + first boot + readiness", renew.ToString(),
            $"{clones} clone(s) for {renewals.Count} renewal(s){(clones == renewals.Count ? "" : " (UNEXPECTED)")}, " +
            $"{TemplateScenario.TemplateCreates(log)} template build(s) during them; " +
            (leaks.Length == 0 && templates == 1 ? "nothing leaked" : $"LEAKED: {leaks}, {templates} template(s)"));
        table.Add(Name, "restart the same machine: restart + readiness", restart.ToString(),
            $"simulated restart {TemplateScenario.Simulated(d.Restart)}");
        table.Add(Name, "renewal / restart", Samples.Ratio(renew.Median / restart.Median),
            $"simulated: delete {TemplateScenario.Simulated(d.Delete)} + clone {TemplateScenario.Simulated(d.Cloning)} + first boot " +
            $"{TemplateScenario.Simulated(d.CloneFirstBoot)} = {Samples.Seconds(floor)} vs restart {TemplateScenario.Simulated(d.Restart)} (published profile, timeScale {TimeScale})");
        table.Add(Name, "renewal / simulated floor", Samples.Ratio(overhead), $"OrbFixtures' share on top of delete + clone + first boot ({Samples.Seconds(floor)}): 8 orbctl processes (info + delete, " +
            $"lookup, clone, info, start, info, probe) against a restart's 3; an orbctl process cost {Samples.Millis(processCost)} in this run");
        return [new Figure(Name, $"{Samples.Seconds(renew.Median)} a fresh clone vs {Samples.Seconds(restart.Median)} a restart " +
                $"({Samples.Ratio(renew.Median / restart.Median)}); {Samples.Ratio(overhead)} the simulated {Samples.Seconds(floor)}",
            $"<= {TargetOverhead:0.00}x delete + clone + first boot", overhead <= TargetOverhead)];
    }
}
