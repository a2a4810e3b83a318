using System.Diagnostics;
using OrbFixtures.OrbCtl;

namespace OrbFixtures.Benchmarks;

/// <summary>
/// hang-recovery: the first <c>create</c> hangs after making the machine (create 2 s, create timeout 30 s, poll
/// interval 1 s). Time to a ready machine with the watchdog versus with it off, where the best a
/// timeout-and-retry design can do is wait out the timeout and then reconcile.
/// </summary>
internal sealed class HangRecoveryBenchmark : IBenchmark
{
    private const int CreateMs = 2000;
    private const double TargetRatio = 8;
    private static readonly TimeSpan s_createTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);

    public string Name => "hang-recovery";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        // Each watchdog-off trial is a 30 s wait on a timer, so those trials run side by side (each in its own world);
        // the watchdog trials, where process latency matters, run one at a time.
        var offTrials = await Task.WhenAll(Enumerable.Range(0, settings.Repetitions(3, 1)).Select(_ => TrialAsync(watchdog: false)));
        var onTrials = new List<Trial>();
        for (var i = 0; i < settings.Repetitions(5, 1); i++) onTrials.Add(await TrialAsync(watchdog: true));

        var on = new Samples(onTrials.Select(t => t.TimeToReady));
        var off = new Samples(offTrials.Select(t => t.TimeToReady));
        var ratio = off.Median / on.Median;
        table.Add(Name, "time to ready, watchdog on", on.ToString(), Describe(onTrials, "watchdog"));
        table.Add(Name, "time to ready, watchdog off", off.ToString(),
            Describe(offTrials, "reconciled") + "; trials ran concurrently (each waits out its own 30 s create timeout)");
        table.Add(Name, "ratio (off / on)", Samples.Ratio(ratio), $"create {CreateMs} ms, hang-after-create on the first create, " +
            $"create timeout {s_createTimeout.TotalSeconds:0} s, poll interval {s_pollInterval.TotalSeconds:0} s");
        return [new Figure(Name,
            $"{Samples.Ratio(ratio)} ({Samples.Seconds(on.Median)} with the watchdog, {Samples.Seconds(off.Median)} without)",
            $">= {TargetRatio:0}x", ratio >= TargetRatio)];
    }

    private static async Task<Trial> TrialAsync(bool watchdog)
    {
        using var world = new SimulatedWorld(Scenario.WithCreate(CreateMs, hangFirstCreate: true));
        var options = world.Options with
        {
            Watchdog = watchdog,
            PollInterval = s_pollInterval,
            Timeouts = OperationTimeouts.Default.With(Operation.Create, s_createTimeout),
        };
        TimeSpan elapsed;
        string how;
        var provisioner = new MachineProvisioner(options);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var machine = await provisioner.EnsureAsync(MachineSpec.Create("db", "ubuntu"));
            elapsed = stopwatch.Elapsed;
            how = machine.Journal.How ?? "unknown";
        }
        finally
        {
            await provisioner.DisposeAsync();
        }
        var hung = world.Sandbox.ReadLog().Count(i => i.Fault == "hang-after-create");
        return new Trial(elapsed, how, hung, await world.LeaksAsync());
    }

    // Says how the machines became ready, so a number from an unexpected path (no hang, wrong recovery) shows.
    private static string Describe(IReadOnlyList<Trial> trials, string expected)
    {
        var hows = string.Join(", ", trials.GroupBy(t => t.How).Select(g => $"{g.Key} x{g.Count()}"));
        var notes = $"ready via: {hows}";
        if (trials.Any(t => t.How != expected)) notes += $" (UNEXPECTED: all should be '{expected}')";
        if (trials.Any(t => t.HungCreates != 1)) notes += " (UNEXPECTED: the hang fault did not fire exactly once)";
        var leaks = trials.Select(t => t.Leaks).Where(l => l.Length > 0).ToList();
        return notes + (leaks.Count == 0 ? "; nothing leaked" : "; LEAKED: " + string.Join(" / ", leaks));
    }

    private sealed record Trial(TimeSpan TimeToReady, string How, int HungCreates, string Leaks);
}
