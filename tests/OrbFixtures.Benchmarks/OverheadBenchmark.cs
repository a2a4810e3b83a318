using System.Diagnostics;
using System.Globalization;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// overhead: with every simulated duration zero, one machine is ensured (created and probed), one command is run in
/// it, and it is deleted, 20 times. OrbFixtures' wall time is compared with replaying the very argv sequence it ran
/// (read from ORBSIM_LOG) with plain Process.Start. Each OrbFixtures iteration is followed at once by the replay of
/// its own argv, so both sides see the same machine load; the figure is the median over rounds of the 20-iteration
/// totals. Also counts the orbctl processes a happy-path machine costs.
/// </summary>
internal sealed class OverheadBenchmark : IBenchmark
{
    private const int Iterations = 20;
    private const double TargetRatio = 1.25;
    private const double TargetProcesses = 5;

    public string Name => "overhead";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        using var fixtures = new SimulatedWorld(Scenario.Instant());
        using var replay = new SimulatedWorld(Scenario.Instant());
        var options = fixtures.Options;

        // Warm-up: JIT, the simulator's first start and disk caches, on both sides.
        for (var i = 0; i < 3; i++) await IterationAsync(fixtures, replay, options);

        var fixtureTotals = new List<TimeSpan>();
        var replayTotals = new List<TimeSpan>();
        var perMachine = new List<int>();
        var mismatches = 0;
        IReadOnlyList<string[]> sample = [];
        var iterations = settings.Repetitions(Iterations, 5);
        for (var round = 0; round < settings.Repetitions(3, 1); round++)
        {
            TimeSpan fixtureTotal = default, replayTotal = default;
            for (var i = 0; i < iterations; i++)
            {
                var result = await IterationAsync(fixtures, replay, options);
                fixtureTotal += result.Fixtures;
                replayTotal += result.Replay;
                perMachine.Add(result.Sequence.Count);
                mismatches += result.ExitCodeMismatches;
                sample = result.Sequence;
            }
            fixtureTotals.Add(fixtureTotal);
            replayTotals.Add(replayTotal);
        }

        var ofx = new Samples(fixtureTotals);
        var baseline = new Samples(replayTotals);
        var ratio = ofx.Median / baseline.Median;
        // The command the test runs is the test's own process; provisioning and teardown are what OrbFixtures adds.
        var processes = perMachine.Max() - 1;
        var breakdown = string.Join(", ", sample.GroupBy(a => a[0]).Select(g => $"{g.Key} x{g.Count()}"));
        var leaks = string.Join("; ", new[] { await fixtures.LeaksAsync(), await replay.LeaksAsync() }.Where(l => l.Length > 0));

        table.Add(Name, $"OrbFixtures, {iterations} machines (ensure, probe, 1 command, delete)", ofx.ToString(),
            $"per machine {Samples.Millis(ofx.Median / iterations)}; " + (leaks.Length == 0 ? "nothing leaked" : "LEAKED: " + leaks));
        table.Add(Name, $"same argv via Process.Start, {iterations} machines", baseline.ToString(),
            $"per machine {Samples.Millis(baseline.Median / iterations)}, per orbctl process " +
            $"{Samples.Millis(baseline.Median / (iterations * (double)perMachine.Max()))}" +
            (mismatches == 0 ? "; every exit code matched" : $"; {mismatches} exit code(s) differed from the logged run"));
        table.Add(Name, "ratio (OrbFixtures / Process.Start)", Samples.Ratio(ratio), "zero simulated durations");
        table.Add(Name, "orbctl processes per machine", perMachine.Max().ToString(CultureInfo.InvariantCulture),
            $"{breakdown} (the test's own command is one of the run)");
        return
        [
            new Figure(Name, Samples.Ratio(ratio), $"<= {TargetRatio:0.00}x", ratio <= TargetRatio),
            new Figure("overhead-processes", $"{processes} orbctl processes per happy-path machine (+1 for the test's command)",
                $"<= {TargetProcesses:0}", processes <= TargetProcesses),
        ];
    }

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
