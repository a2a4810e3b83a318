using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>The suite's own leak and foreign-machine detection must be able to see what it reports as zero.</summary>
[Collection(ReliabilitySuite.Name)]
public sealed class SimulatedWorldTests
{
    [Fact]
    public async Task The_world_check_sees_a_leaked_machine_a_live_orbctl_a_stale_record_and_a_touched_foreign_machine()
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = [FaultRule.Hang("info", "stray")] });
        var state = world.NewStateDirectory("check");

        await world.Sandbox.RunAsync("create", "ubuntu", "of-zzzz-leak");
        await world.Sandbox.RunAsync("stop", ForeignMachine.Name);
        var owner = new SessionOwner("zzzz", 1, DateTimeOffset.UnixEpoch, new ProcessPlace("machine-id:x", "x", ""));
        new OwnershipLedger(state).Write(new LedgerRecord
        {
            Name = "of-zzzz-leak", LogicalName = "leak", Kind = MachineKind.Session, World = "orbctl=/x", SpecHash = "hash",
            Expected = new ExpectedMachine("ubuntu", [], null, null), State = LedgerState.Creating, Owner = owner,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });
        var hung = world.Sandbox.RunAsync(["info", "stray"], stdin: null, TimeSpan.FromMinutes(2));
        await InvocationWatch.WaitForAsync(world.Sandbox, i => i.Argv.Contains("stray"), "info stray", TimeSpan.FromMinutes(1));

        var check = await world.CheckAsync();
        SandboxProcesses.KillAll(world.Sandbox.Home);
        await hung;

        Assert.Equal(["of-zzzz-leak"], check.Leftovers.Select(m => m.Name));
        Assert.Single(check.SurvivingProcesses);
        Assert.Single(check.LedgerRecords);
        Assert.Contains("stopped", check.ForeignProblem, StringComparison.Ordinal);
        Assert.Equal(2, check.Leaked);
        Assert.False(check.Clean);
    }

    [Fact]
    public async Task A_logged_pid_that_now_belongs_to_another_worlds_orbctl_is_neither_counted_nor_killed_as_this_worlds()
    {
        // PIDs are reused (pid_max 32768): the start line of a killed create stays in the log without an end line, and
        // its PID may later name another test's orbctl. Copying a live start line of world B into world A's log makes
        // that happen on purpose.
        using var theirs = new SimulatedWorld("""{ "faults": [ { "op": "info", "action": "hang" } ] }""");
        var hung = theirs.Sandbox.RunAsync(["info", "stray"], stdin: null, TimeSpan.FromMinutes(2));
        var invocation = await InvocationWatch.WaitForAsync(theirs.Sandbox, i => i.Argv.Contains("stray"), "info stray", TimeSpan.FromMinutes(1));
        var startLine = File.ReadLines(theirs.Sandbox.LogPath).First(l => l.Contains("\"start\"", StringComparison.Ordinal) && l.Contains("stray", StringComparison.Ordinal));

        var mine = new SimulatedWorld();
        await File.AppendAllTextAsync(mine.Sandbox.LogPath, startLine + "\n");
        var countedAsMine = mine.RunningOrbctl();
        mine.Dispose();
        var stillTheirs = theirs.RunningOrbctl();
        SandboxProcesses.KillAll(theirs.Sandbox.Home);
        await hung;

        Assert.Empty(countedAsMine);
        Assert.Equal([invocation.Pid], stillTheirs.Select(i => i.Pid));
    }
}
