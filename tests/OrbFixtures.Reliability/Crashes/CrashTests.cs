using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.Crashes;

/// <summary>
/// Test sessions SIGKILLed at four points leave machines and ledger records behind; the next run's reaper removes all
/// of it (checked from the simulator's state and the ledger), and the foreign machine survives untouched.
/// <code>
/// point      killed when                                  left behind                          the next run
/// before     its create hangs before making anything      ledger record (Creating, no ULID)    keeps the record (that create
///                                                                                               may still make a machine);
///                                                                                               a run after the create
///                                                                                               timeout removes it
/// during     its create runs (the machine is creating)    record (Creating) + a machine        deletes the machine, removes the record
/// ready      it holds its ready machine                   record (Ready, ULID) + a machine     deletes the machine, removes the record
/// deleting   its teardown's delete hangs                  record (Ready, ULID) + a machine     deletes the machine, removes the record
/// </code>
/// The killed sessions' own orbctl children (a hung create or delete) outlive them, as they would after a real crash;
/// the test kills those orphans before the next run, since no later session can.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class CrashTests(ReliabilityTally tally, ITestOutputHelper output)
{
    private static readonly TimeSpan s_patience = Timing.Patience;

    private static readonly CrashPoint[] s_points =
    [
        new("before", Hold: false, (world, _, name) => Logged(world, i => i.Command == "create" && i.Argv.Contains(name) && i.Fault == "hang", $"create {name} (hung)"),
            (LedgerState.Creating, MachineExists: false)),
        new("during", Hold: false, (world, _, name) => Logged(world, i => i.Command == "create" && i.Argv.Contains(name) && i.EndedAt is null, $"create {name} (running)"),
            (LedgerState.Creating, MachineExists: true)),
        new("ready", Hold: true, (_, session, _) => session.WaitForLineAsync("holding", s_patience),
            (LedgerState.Ready, MachineExists: true)),
        new("deleting", Hold: false, (world, _, name) => Logged(world, i => i.Command == "delete" && i.Argv.Contains(name) && i.Fault == "hang", $"delete {name} (hung)"),
            (LedgerState.Ready, MachineExists: true)),
    ];

    [Fact]
    public async Task What_a_session_killed_at_any_point_leaves_is_reaped_by_the_next_run()
    {
        // Creates take 3.5 s, so "during" is caught while the machine is still being made, even when it waits for a
        // slow-starting sibling to begin its create (below).
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario
        {
            Durations = SimDurations.Fast with { Create = 3000, Provisioning = 500 },
            Faults = [FaultRule.Hang("create", "*-before"), FaultRule.Hang("delete", "*-deleting")],
        });
        var state = world.NewStateDirectory("crash");

        // Every session sweeps the shared ledger once, before its first create. A session killed before another one has
        // swept would be reaped by that one instead of by "the next run", so none is killed until all have begun a create.
        var sweeping = s_points.Length;
        var allSwept = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Swept()
        {
            if (Interlocked.Decrement(ref sweeping) == 0) allSwept.TrySetResult();
        }

        var killed = await Task.WhenAll(s_points.Select(point => KillAtAsync(world, state, point, Swept, allSwept.Task)));
        SandboxProcesses.KillAll(world.Sandbox.Home); // the dead sessions' orphaned orbctl children
        var left = await Task.WhenAll(killed.Select(k => LeftBehindAsync(world, state, k.Point, k.Name, k.Pid)));
        Assert.All(left, problem => Assert.Null(problem)); // each point really left what it should, or the test proves nothing

        await using (var next = new MachineProvisioner(world.Options(state)))
        {
            next.EventRecorded += (_, e) => { if (e.IsProgress) output.WriteLine($"next run: {e}"); };
            await next.EnsureAsync(MachineSpec.Create("next", "ubuntu"));

            // The "before" session's create never made a machine, but a create can outlive its session and make one late,
            // so the next run keeps that record; a run after the create timeout removes it.
            var before = killed.Single(k => k.Point.Logical == "before").Name;
            Assert.Equal(LedgerState.Creating, WorldChecks.Ledger(state).Single(r => r.Name == before).State);
            var later = new ShiftedClock(Timing.Timeouts[OrbFixtures.Operation.Create]);
            await using (var laterRun = new MachineProvisioner(world.Options(state) with { TimeProvider = later }))
            {
                laterRun.EventRecorded += (_, e) => { if (e.IsProgress) output.WriteLine($"a run after the create timeout: {e}"); };
                await laterRun.ReapAsync();
            }

            var machines = await world.ListAsync();
            foreach (var (point, name, _) in killed)
            {
                await Counted.RunAsync(tally.Crash, () =>
                {
                    Assert.DoesNotContain(machines, m => m.Name == name);
                    Assert.DoesNotContain(WorldChecks.Ledger(state), r => r.Name == name);
                    output.WriteLine($"{point}: {name} reaped");
                    return Task.CompletedTask;
                });
            }
        }
        await world.AssertCleanAsync(tally);
    }

    private async Task<(CrashPoint Point, string Name, int Pid)> KillAtAsync(SimulatedWorld world, string state, CrashPoint point,
        Action swept, Task allSwept)
    {
        await using var session = ChildSession.Start(point.Logical, world.ChildConfig(state, [new ChildMachine(point.Logical, "ubuntu")], point.Hold));
        var name = (await session.WaitForLineAsync($"name {point.Logical} ", s_patience)).Split(' ')[2];
        await Logged(world, i => i.Command == "create" && i.Argv.Contains(name), $"create {name} (so its sweep is done)");
        swept();
        await point.KillWhen(world, session, name);
        await allSwept.WaitAsync(s_patience);
        await session.KillAsync();
        output.WriteLine($"{point}: SIGKILLed session pid {session.Pid} ({name})\n{session.Transcript()}");
        return (point, name, session.Pid);
    }

    /// <summary>What the killed session left, compared with what the point must leave; null when it matches.</summary>
    private static async Task<string?> LeftBehindAsync(SimulatedWorld world, string state, CrashPoint point, string name, int pid)
    {
        var record = WorldChecks.Ledger(state).SingleOrDefault(r => r.Name == name);
        var machine = await world.FindAsync(name);
        if (record is null) return $"{point}: no ledger record for {name}";
        if (record.Owner.Pid != pid || record.State != point.Left.Record)
            return $"{point}: the record is {record.State} of pid {record.Owner.Pid}, expected {point.Left.Record} of the killed pid {pid}";
        if ((machine is not null) != point.Left.MachineExists)
            return $"{point}: machine {(machine is null ? "absent" : $"present ({machine})")}, expected {(point.Left.MachineExists ? "present" : "absent")}";
        if (record.Id is not null && machine?.Id != record.Id) return $"{point}: the record's ULID {record.Id} is not the machine's {machine?.Id}";
        return null;
    }

    private static Task Logged(SimulatedWorld world, Func<LoggedInvocation, bool> match, string what) =>
        InvocationWatch.WaitForAsync(world.Sandbox, match, what, s_patience);
}
