using System.Diagnostics;
using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>The seed's failure: <c>create</c> blocks after the machine was made.</summary>
[Collection(WallClockCollection.Name)]
public sealed class HungCreateTests
{
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    [Fact]
    public async Task A_create_that_hangs_after_making_the_machine_is_adopted_within_two_poll_intervals()
    {
        using var world = new SimulatedWorld("""
            { "durations": { "create": 1000, "provisioning": 500 },
              "faults": [ { "op": "create", "times": 1, "action": "hang-after-create" } ] }
            """, SimulatedTuning.Options);
        // A realistic poll interval: the bound's slack (one poll + 1 s) must absorb two orbctl process starts (the
        // watchdog's info and the probe's run), which take up to a second each on a loaded 2-core CI host.
        var poll = TimeSpan.FromSeconds(2);
        await using var provisioner = world.Provisioner(world.Options() with { PollInterval = poll });

        var machine = await provisioner.EnsureAsync(s_db);

        var returnedAt = DateTimeOffset.UtcNow;
        var creates = world.Log.Where(i => i.Command == "create").ToList();
        var hung = Assert.Single(creates);
        // From the moment the simulated create began (its process logs its start; the simulator's clock is this host's):
        // simulated create (1000 + 500 ms) + 2 poll intervals + 1 s.
        var bound = TimeSpan.FromMilliseconds(1000 + 500) + 2 * poll + TimeSpan.FromSeconds(1);
        Assert.True(returnedAt - hung.StartedAt <= bound,
            $"ready {(returnedAt - hung.StartedAt).TotalMilliseconds:0} ms after create began (bound {bound.TotalMilliseconds} ms):\n" +
            EventText.Render(machine.Log));
        Assert.Equal(MachineState.Running, machine.Info.State);
        var create = Assert.Single(machine.Log.OfType<AttemptFinished>(), a => a.Operation == Operation.Create);
        Assert.Equal((AttemptOutcome.Cancelled, AttemptDecision.KilledByWatchdog), (create.Outcome, create.Decision));
        var hang = Assert.Single(machine.Log.OfType<HangAdopted>());
        Assert.Equal(ReadyVia.Watchdog, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.Contains(EventText.ProgressLine(machine.Log, hang), world.Progress);
        Assert.Equal("hang-after-create", hung.Fault);
        Assert.Null(hung.ExitCode); // killed
        // Everything else succeeded, the lookup (machine not found) aside: no "already exists", no retry.
        Assert.All(world.Log.Skip(1).Where(i => i.Command != "create"), i => Assert.Equal(0, i.ExitCode));
        Assert.Empty(world.RunningOrbctl());
    }

    [Fact]
    public async Task With_the_watchdog_off_a_hung_create_recovers_after_the_create_timeout_by_reconciliation()
    {
        using var world = new SimulatedWorld("""
            { "durations": { "create": 100, "provisioning": 100 },
              "faults": [ { "op": "create", "times": 1, "action": "hang-after-create" } ] }
            """, SimulatedTuning.Options);
        var createTimeout = TimeSpan.FromSeconds(3);
        await using var provisioner = world.Provisioner(world.Options() with
        {
            Watchdog = false,
            Timeouts = OperationTimeouts.Default.With(Operation.Create, createTimeout),
        });
        var watch = Stopwatch.StartNew();

        var machine = await provisioner.EnsureAsync(s_db);

        Assert.InRange(watch.Elapsed, createTimeout, createTimeout + TimeSpan.FromSeconds(5));
        var calls = world.Log.Where(i => i.Argv.Contains(machine.Name)).Select(i => i.Command);
        Assert.Equal(["info", "create", "info", "run"], calls);
        Assert.Equal(AttemptOutcome.TimedOut, machine.Log.OfType<AttemptFinished>().Single(a => a.Operation == Operation.Create).Outcome);
        Assert.Equal((ReconcileReason.CreateTimedOut, createTimeout), (Assert.Single(machine.Log.OfType<Reconciling>()).Reason, machine.Log.OfType<Reconciling>()[0].Timeout));
        Assert.Equal(ReadyVia.Reconciled, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.DoesNotContain(machine.Log.OfType<AttemptFinished>(), a => a.Error == OrbCtlErrorKind.AlreadyExists);
        Assert.Empty(world.RunningOrbctl());
    }
}
