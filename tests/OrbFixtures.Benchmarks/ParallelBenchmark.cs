using System.Diagnostics;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// parallel: 8 machines requested at once (create 2 s each) through one provisioner, with a create gate of 4
/// versus a gate of 1; the time until all 8 are ready. With a gate of 4 that should be about two create times.
/// </summary>
internal sealed class ParallelBenchmark : IBenchmark
{
    private const int Machines = 8;
    private const int CreateMs = 2000;
    private const int Gate = 4;
    private const double TargetSpeedUp = 3;
    private static readonly TimeSpan s_targetGated = TimeSpan.FromSeconds((2 * CreateMs / 1000.0) + 1.5);

    public string Name => "parallel";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        var gated = new List<Trial>();
        var serial = new List<Trial>();
        // Alternated, so a change in machine load hits both sides; the gate-1 side takes four times as long, so it
        // gets fewer repetitions.
        for (var i = 0; i < settings.Repetitions(3, 1); i++)
        {
            gated.Add(await TrialAsync(Gate));
            if (serial.Count < settings.Repetitions(2, 1)) serial.Add(await TrialAsync(1));
        }

        var g = new Samples(gated.Select(t => t.AllReady));
        var s = new Samples(serial.Select(t => t.AllReady));
        var speedUp = s.Median / g.Median;
        table.Add(Name, $"{Machines} machines ready, gate {Gate}", g.ToString(), Describe(gated, Gate));
        table.Add(Name, $"{Machines} machines ready, gate 1", s.ToString(), Describe(serial, 1));
        table.Add(Name, "speed-up (gate 1 / gate 4)", Samples.Ratio(speedUp), $"create {CreateMs} ms; ideal {Machines / ((Machines + Gate - 1) / Gate)}x " +
            $"({Machines} create times at gate 1, {(Machines + Gate - 1) / Gate} at gate {Gate})");
        var pass = g.Median <= s_targetGated && speedUp >= TargetSpeedUp;
        return [new Figure(Name, $"{Samples.Seconds(g.Median)} at gate {Gate}, speed-up {Samples.Ratio(speedUp)}",
            $"<= {Samples.Seconds(s_targetGated)} and >= {TargetSpeedUp:0}x", pass)];
    }

    private static async Task<Trial> TrialAsync(int gate)
    {
        using var world = new SimulatedWorld(Scenario.WithCreate(CreateMs), BenchmarkTuning.Options);
        var options = world.Options() with { MaxParallelCreates = gate };
        TimeSpan allReady;
        int peak;
        await using (var provisioner = new MachineProvisioner(options))
        {
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(1, Machines).Select(i => provisioner.EnsureAsync(MachineSpec.Create($"m{i}", "ubuntu"))));
            allReady = stopwatch.Elapsed;
            peak = PeakCreates(provisioner.Logs);
        }
        return new Trial(allReady, peak, await world.LeaksAsync());
    }

    // From the attempt histories rather than ORBSIM_LOG: a create the watchdog killed has no end line in the log,
    // but its attempt record says how long the process ran.
    private static int PeakCreates(IEnumerable<MachineLog> logs) => Concurrency.Peak(logs.SelectMany(h => h.OfType<AttemptFinished>())
        .Where(a => a.Operation == Operation.Create).Select(a => (a.StartedAt, a.StartedAt + a.Duration)));

    private static string Describe(IReadOnlyList<Trial> trials, int gate)
    {
        var peak = trials.Max(t => t.PeakCreates);
        var notes = $"peak concurrent creates {peak}" + (peak > gate ? $" (ABOVE the gate of {gate})" : "");
        var leaks = trials.Select(t => t.Leaks).Where(l => l.Length > 0).ToList();
        return notes + (leaks.Count == 0 ? "; nothing leaked" : "; LEAKED: " + string.Join(" / ", leaks));
    }

    private sealed record Trial(TimeSpan AllReady, int PeakCreates, string Leaks);
}
