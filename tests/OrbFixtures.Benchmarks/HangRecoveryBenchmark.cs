using System.Diagnostics;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;

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
    // A watchdog trial takes about 3 s; it only starts while this much of the off trials' timeout is still ahead.
    private static readonly TimeSpan s_quietMargin = TimeSpan.FromSeconds(8);

    public string Name => "hang-recovery";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table)
    {
        var offWorlds = Enumerable.Range(0, settings.Repetitions(3, 1)).Select(_ => NewWorld()).ToList();
        var onTrials = new List<Trial>();
        Trial[] offTrials;
        var inQuietWindow = 0;
        // The watchdog-off trials run side by side, each in its own world. Once their creates hang, they do nothing
        // but wait for their 30 s create timeout: the watchdog trials (where process latency matters) run one at a
        // time in that quiet window, and any that would not finish inside it run afterwards.
        var offTasks = offWorlds.Select(w => TrialAsync(w, watchdog: false)).ToList();
        try
        {
            var quiet = await AllCreatesHangingAsync(offWorlds);
            while (onTrials.Count < settings.Repetitions(5, 1) && quiet.Elapsed < s_createTimeout - s_quietMargin)
            {
                onTrials.Add(await FreshTrialAsync(watchdog: true));
                inQuietWindow++;
            }
            offTrials = await Task.WhenAll(offTasks);
            while (onTrials.Count < settings.Repetitions(5, 1)) onTrials.Add(await FreshTrialAsync(watchdog: true));
        }
        finally
        {
            // Never delete a world under a trial that still runs (when something above failed).
            await Task.WhenAll(offTasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var world in offWorlds) world.Dispose();
        }

        var on = new Samples(onTrials.Select(t => t.TimeToReady));
        var off = new Samples(offTrials.Select(t => t.TimeToReady));
        var ratio = off.Median / on.Median;
        table.Add(Name, "time to ready, watchdog on", on.ToString(), Describe(onTrials, "watchdog") +
            $"; {inQuietWindow} of {onTrials.Count} ran while the watchdog-off trials sat idle in their create timeout");
        table.Add(Name, "time to ready, watchdog off", off.ToString(),
            Describe(offTrials, "reconciled") + "; the trials ran side by side (each waits out its own 30 s create timeout)");
        table.Add(Name, "ratio (off / on)", Samples.Ratio(ratio), $"create {CreateMs} ms, hang-after-create on the first create, " +
            $"create timeout {s_createTimeout.TotalSeconds:0} s, poll interval {s_pollInterval.TotalSeconds:0} s");
        return [new Figure(Name,
            $"{Samples.Ratio(ratio)} ({Samples.Seconds(on.Median)} with the watchdog, {Samples.Seconds(off.Median)} without)",
            $">= {TargetRatio:0}x", ratio >= TargetRatio)];
    }

    private static SimulatedWorld NewWorld() => new(Scenario.WithCreate(CreateMs, hangFirstCreate: true), BenchmarkTuning.Options);

    private static async Task<Trial> FreshTrialAsync(bool watchdog)
    {
        using var world = NewWorld();
        return await TrialAsync(world, watchdog);
    }

    private static async Task<Trial> TrialAsync(SimulatedWorld world, bool watchdog)
    {
        var options = world.Options() with
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
            how = machine.Log.OfType<MachineReady>().LastOrDefault()?.Via.ToString().ToLowerInvariant() ?? "unknown";
        }
        finally
        {
            await provisioner.DisposeAsync();
        }
        var hung = world.Sandbox.ReadLog().Count(i => i.Fault == "hang-after-create");
        return new Trial(elapsed, how, hung, await world.LeaksAsync());
    }

    /// <summary>Waits until every world's create is hanging; returns a stopwatch started at that moment.</summary>
    private static async Task<Stopwatch> AllCreatesHangingAsync(IReadOnlyList<SimulatedWorld> worlds)
    {
        var waited = Stopwatch.StartNew();
        while (!worlds.All(w => w.Sandbox.ReadLog().Any(i => i.Fault == "hang-after-create")))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
                throw new TimeoutException("The watchdog-off trials' creates did not start within 20 s.");
            await Task.Delay(50);
        }
        return Stopwatch.StartNew();
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
