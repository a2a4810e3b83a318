using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>
/// Runs groups of cells, each group in a world of its own and all groups at once. Cells take a slot each (at most
/// <see cref="CellsAtOnce"/> run together, so a 2-core machine is busy but not swamped); cells that wait out a timeout
/// go first, so those idle waits overlap the others' work. Every cell is judged, every world checked, and the tally
/// told, before anything is asserted. A cell still running at the limit is reported with its history so far.
/// </summary>
internal sealed class MatrixRunner(ReliabilityTally tally, ITestOutputHelper output)
{
    private const int CellsAtOnce = 8;

    public async Task<(List<string> Deviations, List<WorldCheck> Checks)> RunAsync(
        IReadOnlyList<(SimScenario Scenario, IReadOnlyList<MatrixCell> Cells)> groups)
    {
        var worlds = await Task.WhenAll(groups.Select(g => SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, g.Scenario)));
        try
        {
            using var slots = new SemaphoreSlim(CellsAtOnce);
            var work = groups.SelectMany((g, i) => g.Cells.Select(cell => (World: worlds[i], Run: new CellRun(cell))))
                .OrderByDescending(w => WaitsOutATimeout(w.Run.Cell))
                .Select(w => (w.World, w.Run, Task: RunInSlotAsync(w.World, w.Run, slots)))
                .ToList();
            try
            {
                await Task.WhenAll(work.Select(w => w.Task)).WaitAsync(Timing.ScenarioLimit);
            }
            catch (TimeoutException)
            {
                var unfinished = work.Where(w => !w.Task.IsCompleted).Select(w => w.Run).ToList();
                foreach (var run in unfinished) output.WriteLine($"{run.Cell}: still running\n{run.RenderLogs()}");
                throw new TimeoutException($"{unfinished.Count} cell(s) still running after {Timing.ScenarioLimit}: " +
                                           string.Join(", ", unfinished.Select(r => r.Cell)));
            }
            return (Judge(work.Select(w => (w.World, w.Run)).OrderBy(w => Array.IndexOf(worlds, w.World))), await CheckAsync(worlds));
        }
        finally
        {
            foreach (var world in worlds) await world.DisposeAsync();
        }
    }

    private List<string> Judge(IEnumerable<(SimulatedWorld World, CellRun Run)> work)
    {
        var deviations = new List<string>();
        foreach (var (world, run) in work)
        {
            var log = world.Sandbox.ReadLog();
            var problems = CellVerdict.Check(run.Cell, run, log);
            tally.Fault(problems.Count == 0);
            var calls = log.Count(i => i.Argv.Contains(run.MachineName, StringComparer.Ordinal));
            output.WriteLine($"{run.Cell}: {run.Describe()} in {run.Elapsed.TotalSeconds:0.0} s, {calls} orbctl calls -- " +
                             $"{(problems.Count == 0 ? "as specified" : "NOT as specified")} ({run.Cell.Expect.Rule})");
            if (problems.Count == 0) continue;
            deviations.Add($"{run.Cell}: {string.Join("; ", problems)}");
            output.WriteLine(run.RenderLogs());
        }
        return deviations;
    }

    private async Task<List<WorldCheck>> CheckAsync(IEnumerable<SimulatedWorld> worlds)
    {
        var checks = new List<WorldCheck>();
        foreach (var world in worlds)
        {
            var check = await world.CheckAsync();
            tally.Leaked(check.Leaked);
            tally.ForeignTouched(check.ForeignTouched ? 1 : 0);
            if (!check.Clean) output.WriteLine(check.Describe());
            checks.Add(check);
        }
        return checks;
    }

    private static async Task RunInSlotAsync(SimulatedWorld world, CellRun run, SemaphoreSlim slots)
    {
        await slots.WaitAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await CellLifecycle.RunAsync(world, run);
        }
        finally
        {
            run.Elapsed = started.Elapsed;
            slots.Release();
        }
    }

    private static bool WaitsOutATimeout(MatrixCell cell) =>
        cell.Fault?.Action == "hang" || cell.Expect.Kind == OrbCtlErrorKind.TimedOut;
}
