using OrbFixtures.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>
/// What the log of a create says, with the real client and provisioner against the simulator (issue 14's "Done
/// when"): events in time order, each attempt numbered within its operation across the provisioner's retries, a
/// retried create timeout that says it is reconciled and retried, and a watchdog kill that reads as one (attempts numbered
/// across create retries: SimulatedProvisioningTests and CreateRetryTests).
/// </summary>
[Collection(WallClockCollection.Name)]
public sealed class CreateEventsTests
{
    private static readonly MachineSpec s_db = MachineSpec.Create("db", "ubuntu:22.04");

    /// <summary>No event is stamped before the one it follows, and no attempt ended before it started.</summary>
    private static void AssertInTimeOrder(MachineLog log)
    {
        var events = log.Events;
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.At <= pair.Second.At,
            $"{pair.Second.GetType().Name} at {pair.Second.At:HH:mm:ss.fff} follows {pair.First.GetType().Name} at {pair.First.At:HH:mm:ss.fff}"));
        Assert.All(log.OfType<AttemptFinished>(), a => Assert.True(a.StartedAt <= a.At, $"{a.Operation} #{a.Attempt} ended before it started"));
    }

    /// <summary>The events of <paramref name="log"/> after <paramref name="event"/>, in order.</summary>
    private static IEnumerable<MachineEvent> After(MachineLog log, MachineEvent @event) =>
        log.Events.SkipWhile(e => !ReferenceEquals(e, @event)).Skip(1);

    [Fact]
    public async Task A_hung_create_adopted_by_the_watchdog_reads_as_a_watchdog_kill_in_a_log_in_time_order()
    {
        using var world = new SimulatedWorld("""
            { "durations": { "create": 300, "provisioning": 200 },
              "faults": [ { "op": "create", "times": 1, "action": "hang-after-create" } ] }
            """, SimulatedTuning.Options);
        await using var provisioner = world.Provisioner();

        var machine = await provisioner.EnsureAsync(s_db);

        AssertInTimeOrder(machine.Log);
        var create = Assert.Single(machine.Log.OfType<AttemptFinished>(), a => a.Operation == Operation.Create);
        Assert.Equal((1, AttemptOutcome.Cancelled, AttemptDecision.KilledByWatchdog), (create.Attempt, create.Outcome, create.Decision));
        // Followed by the adoption and the ready machine, and nothing that reads as a failure or a retry.
        var after = After(machine.Log, create).ToList();
        var hang = Assert.Single(after.OfType<HangAdopted>());
        var ready = Assert.Single(after.OfType<MachineReady>());
        Assert.True(after.IndexOf(hang) < after.IndexOf(ready));
        Assert.Equal(ReadyVia.Watchdog, ready.Via);
        Assert.Empty(machine.Log.OfType<RetryScheduled>());
        Assert.Empty(machine.Log.OfType<Reconciling>());
        Assert.Empty(world.RunningOrbctl());
    }

    [Fact]
    public async Task A_create_timeout_that_is_retried_says_it_is_reconciled_and_retried_and_the_retry_is_attempt_two()
    {
        using var world = new SimulatedWorld("""
            { "durations": { "create": 100, "provisioning": 100 },
              "faults": [ { "op": "create", "times": 1, "action": "hang" } ] }
            """, SimulatedTuning.Options);
        var createTimeout = TimeSpan.FromSeconds(1);
        await using var provisioner = world.Provisioner(world.Options() with
        {
            Watchdog = false,
            Timeouts = OperationTimeouts.Default.With(Operation.Create, createTimeout),
        });

        var machine = await provisioner.EnsureAsync(s_db);

        AssertInTimeOrder(machine.Log);
        var creates = machine.Log.OfType<AttemptFinished>().Where(a => a.Operation == Operation.Create).ToList();
        Assert.Equal([1, 2], creates.Select(a => a.Attempt));
        Assert.Equal((AttemptOutcome.TimedOut, createTimeout), (creates[0].Outcome, creates[0].Timeout));
        Assert.Equal(AttemptDecision.Reconcile, creates[0].Decision); // not a give-up
        Assert.Equal(AttemptDecision.Done, creates[1].Decision);
        var next = After(machine.Log, creates[0]).Where(e => e is Reconciling or RetryScheduled).Take(2).ToList();
        var reconciling = Assert.IsType<Reconciling>(next[0]);
        Assert.Equal((ReconcileReason.CreateTimedOut, createTimeout), (reconciling.Reason, reconciling.Timeout));
        var retry = Assert.IsType<RetryScheduled>(next[1]);
        Assert.Equal((Operation.Create, RetryReason.AbsentAfterTimeout, 2, 4), (retry.Operation, retry.Reason, retry.NextAttempt, retry.MaxAttempts));
        Assert.Equal(ReadyVia.Created, Assert.Single(machine.Log.OfType<MachineReady>()).Via);
        Assert.Equal(2, world.Log.Count(i => i.Command == "create"));
        Assert.Empty(world.RunningOrbctl());
    }
}
