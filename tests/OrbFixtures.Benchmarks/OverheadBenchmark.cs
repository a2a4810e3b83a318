using System.Diagnostics;
using System.Globalization;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// overhead: with every simulated duration zero, one machine is ensured (created and probed), one command is run in
/// it, and it is deleted, 20 times. OrbFixtures' wall time is compared with replaying the very argv sequence it ran
/// (read from ORBSIM_LOG) with plain Process.Start. Each OrbFixtures iteration is followed at once by the replay of
/// its own argv, so both sides see the same machine load; the figure is the median of the 20 per-machine ratios
/// (the ratio of the totals is in the table). Also counts the orbctl processes a happy-path machine costs.
/// </summary>
internal sealed class OverheadBenchmark : IBenchmark
{
    private const int Iterations = 20;
    private const double TargetRatio = 1.25;
    private const double TargetProcesses = 5;

    public string Name => "overhead";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        using var fixtures = new SimulatedWorld(Scenario.Instant(), BenchmarkTuning.Options);
        using var replay = new SimulatedWorld(Scenario.Instant(), BenchmarkTuning.Options);
        var options = fixtures.Options();

        // Warm-up: JIT, the simulator's first start and disk caches, on both sides.
        for (var i = 0; i < 2; i++) await IterationAsync(fixtures, replay, options);

        var iterations = new List<Iteration>();
        for (var i = 0; i < settings.Repetitions(Iterations, 5); i++) iterations.Add(await IterationAsync(fixtures, replay, options));

        var count = iterations.Count;
        var ofx = Total(iterations.Select(i => i.Fixtures));
        var baseline = Total(iterations.Select(i => i.Replay));
        var pairRatios = iterations.Select(i => i.Fixtures / i.Replay).Order().ToList();
        var ratio = Median(pairRatios);
        var perMachine = iterations.Max(i => i.Sequence.Count);
        // The command the test runs is the test's own process; provisioning and teardown are what OrbFixtures adds.
        var processes = perMachine - 1;
        var breakdown = string.Join(", ", iterations[^1].Sequence.GroupBy(a => a[0]).Select(g => $"{g.Key} x{g.Count()}"));
        var mismatches = iterations.Sum(i => i.ExitCodeMismatches);
        var leaks = string.Join("; ", new[] { await fixtures.LeaksAsync(), await replay.LeaksAsync() }.Where(l => l.Length > 0));

        table.Add(Name, $"OrbFixtures, {count} machines (ensure + probe, 1 command, delete)", Samples.Seconds(ofx),
            $"per machine {Samples.Millis(ofx / count)}; " + (leaks.Length == 0 ? "nothing leaked" : "LEAKED: " + leaks));
        table.Add(Name, $"same argv via Process.Start, {count} machines", Samples.Seconds(baseline),
            $"per machine {Samples.Millis(baseline / count)}, per orbctl process {Samples.Millis(baseline / (count * (double)perMachine))}" +
            (mismatches == 0 ? "; every exit code matched the logged run" : $"; {mismatches} exit code(s) differed from the logged run"));
        table.Add(Name, "ratio (OrbFixtures / Process.Start)", Samples.Ratio(ratio),
            $"median of {count} per-machine ratios (range {Samples.Ratio(pairRatios[0])}–{Samples.Ratio(pairRatios[^1])}); " +
            $"ratio of the totals {Samples.Ratio(ofx / baseline)}; each machine is replayed right after it ran; zero simulated durations");
        table.Add(Name, "orbctl processes per machine", perMachine.ToString(CultureInfo.InvariantCulture),
            $"{breakdown}: lookup, create, info (ULID), probe, the test's command, info (ULID check before delete), delete");
        return
        [
            new Figure(Name, Samples.Ratio(ratio), $"<= {TargetRatio:0.00}x", ratio <= TargetRatio),
            new Figure("overhead-processes", $"{processes} orbctl processes per happy-path machine (+1 for the test's command)",
                $"<= {TargetProcesses:0}", processes <= TargetProcesses),
        ];
    }

    private static TimeSpan Total(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<Iteration> IterationAsync(SimulatedWorld fixtures, SimulatedWorld replay, OrbFixturesOptions options)
    {
        var before = fixtures.Sandbox.ReadLog().Count;
        var stopwatch = Stopwatch.StartNew();
        await using (var provisioner = new MachineProvisioner(options))
        {
            var machine = await provisioner.EnsureAsync(MachineSpec.Create("app", "ubuntu"));
            var result = await machine.RunAsync("echo", "hello");
            if (result.ExitCode != 0) throw new InvalidOperationException($"echo exited {result.ExitCode}: {result.StandardError}");
        }
        var fixtureTime = stopwatch.Elapsed;

        var logged = fixtures.Sandbox.ReadLog().Skip(before).ToList();
        var sequence = logged.Select(i => i.Argv).ToList();
        stopwatch.Restart();
        var exitCodes = await ArgvReplay.RunAsync(replay.Sandbox, sequence);
        var replayTime = stopwatch.Elapsed;
        var mismatches = logged.Zip(exitCodes).Count(p => p.First.ExitCode != p.Second);
        return new Iteration(fixtureTime, replayTime, sequence, mismatches);
    }

    private sealed record Iteration(TimeSpan Fixtures, TimeSpan Replay, IReadOnlyList<string[]> Sequence, int ExitCodeMismatches);
}
