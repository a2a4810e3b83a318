using OrbFixtures.Diagnostics;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.FaultMatrix;

/// <summary>
/// The fault matrix's readiness rows (counted with its cells in the summary line's "faults" figure):
/// <code>
/// fault                                   outcome
/// a wait strategy that never succeeds     MachineProvisioningException(TimedOut) once its own timeout has passed; every
///                                         look is a WaitPolled event, the give-up a WaitGaveUp(TimedOut) quoting the last
///                                         look; the machine is deleted, no record or process is left
/// the machine disappears between looks    the wait ends at the next info (gone), with no look at the missing machine; the
///                                         create is retried (GoneAfterCreate) and the new machine becomes ready
/// </code>
/// The watchdog is off, so that every look is the readiness wait's own.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class WaitStrategyFaultTests(ReliabilityTally tally)
{
    private static readonly OrbFixturesOptions s_tuning = Timing.Tuning with { Watchdog = false, WaitPollInterval = TimeSpan.FromMilliseconds(50) };

    private static readonly string[] s_unit = ["systemctl", "is-active", "app"];

    [Fact]
    public async Task A_strategy_that_never_succeeds_gives_up_at_its_timeout_with_its_looks_and_leaves_nothing()
    {
        var timeout = TimeSpan.FromSeconds(1);
        var scenario = new SimScenario { Run = [new SimRunAnswer(s_unit, "failed\n", 3)] };
        await using var world = new SimulatedWorld(scenario.ToJson(), s_tuning);

        await Counted.RunAsync(tally.Fault, async () =>
        {
            var provisioner = world.Provisioner();
            var failure = await Assert.ThrowsAsync<MachineProvisioningException>(() =>
                provisioner.EnsureAsync(MachineSpec.Create("wait-never", "ubuntu").WithWaitFor(WaitFor.SystemdUnit("app").WithTimeout(timeout))));
            await provisioner.DisposeAsync();

            var looks = failure.Log.OfType<WaitPolled>().Where(l => l.Strategy == WaitStrategyKind.SystemdUnit).ToList();
            var gaveUp = Assert.Single(failure.Log.OfType<WaitGaveUp>());
            Assert.Equal((OrbCtlErrorKind.TimedOut, WaitGiveUpReason.TimedOut, timeout), (failure.Kind, gaveUp.Reason, gaveUp.Limit));
            Assert.True(gaveUp.Elapsed >= timeout, $"gave up after {gaveUp.Elapsed}");
            Assert.Equal(gaveUp.Polls, looks.Count);
            Assert.All(looks, l => Assert.Equal((WaitFinding.UnitNotActive, 3, "failed"), (l.Finding, l.ExitCode, l.Output)));
            Assert.Contains(EventText.Describe(looks[^1]), failure.Message, StringComparison.Ordinal);
            Assert.Equal("", await world.LeaksAsync());
        });
    }

    [Fact]
    public async Task A_machine_that_disappears_between_two_looks_ends_the_wait_and_is_created_again()
    {
        // The strategy passes on the second look at a machine (runs are counted per machine, so a new machine starts over).
        var scenario = new SimScenario
        {
            Run = [new SimRunAnswer(s_unit, "active\n") { AfterCalls = 1 }, new SimRunAnswer(s_unit, "activating\n", 3)],
        };
        await using var world = new SimulatedWorld(scenario.ToJson(), s_tuning);

        await Counted.RunAsync(tally.Fault, async () =>
        {
            var provisioner = world.Provisioner();
            var deleted = 0;
            // The handler runs inside the readiness wait, right after its first look is recorded: the machine is deleted
            // exactly between that look and the next step, with no timing involved.
            provisioner.EventRecorded += (_, e) =>
            {
                if (e.Event is WaitPolled { Strategy: WaitStrategyKind.SystemdUnit, Poll: 1 } && Interlocked.Increment(ref deleted) == 1)
                    world.Sandbox.RunAsync("delete", "-f", e.Log.Subject.Split('(', ')')[1]).GetAwaiter().GetResult();
            };

            var machine = await provisioner.EnsureAsync(MachineSpec.Create("wait-gone", "ubuntu").WithWaitFor(WaitFor.SystemdUnit("app")));

            var events = machine.Log.Events;
            var firstLook = events.OfType<WaitPolled>().First(l => l.Strategy == WaitStrategyKind.SystemdUnit);
            var afterFirst = events.SkipWhile(e => !ReferenceEquals(e, firstLook)).Skip(1).ToList();
            Assert.IsType<StateObserved>(afterFirst.First(e => e is StateObserved or WaitPolled or RetryScheduled));
            Assert.Null(afterFirst.OfType<StateObserved>().First().State);
            Assert.Equal(RetryReason.GoneAfterCreate, Assert.Single(events.OfType<RetryScheduled>()).Reason);
            Assert.Equal(2, events.OfType<CreateStarted>().Count());
            Assert.Equal([WaitFinding.UnitNotActive, WaitFinding.UnitNotActive, WaitFinding.Passed],
                events.OfType<WaitPolled>().Where(l => l.Strategy == WaitStrategyKind.SystemdUnit).Select(l => l.Finding));
            Assert.Equal(ReadyVia.Created, events.OfType<MachineReady>().Single().Via);
            await provisioner.DisposeAsync();
            Assert.Equal("", await world.LeaksAsync());
        });
    }
}
