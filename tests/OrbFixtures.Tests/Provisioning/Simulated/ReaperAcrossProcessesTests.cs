using System.Diagnostics;
using OrbFixtures.OrbCtl;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>A test process killed with SIGKILL mid-provisioning: the next run reaps its machine, and a concurrently
/// running session's machines are untouched. The killed process is a real child process.</summary>
public sealed class ReaperAcrossProcessesTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90); // child processes start slowly on a busy host

    /// <summary>Starts a test session (tests/OrbFixtures.TestChild) in this world's default ledger that provisions
    /// <paramref name="logicalName"/> and holds it until released.</summary>
    private static ChildSession StartChild(SimulatedWorld world, string logicalName, Func<ChildConfig, ChildConfig>? adjust = null) =>
        ChildSession.Start(logicalName, world.ChildConfig(world.StateDirectory, [new ChildMachine(logicalName, "ubuntu")], hold: true, adjust));

    [Fact]
    public async Task The_next_run_reaps_the_machine_of_a_killed_process_and_spares_a_live_sessions_machines()
    {
        using var world = new SimulatedWorld("""
            { "durations": { "create": 100, "provisioning": 100 },
              "faults": [ { "op": "create", "machine": "*-victim", "action": "hang-after-create" } ] }
            """, SimulatedTuning.Options);
        // A concurrently running session (this process) holds its machine throughout.
        await using var live = world.Provisioner();
        var liveMachine = await live.EnsureAsync(MachineSpec.Create("web", "alpine"));

        // A test process provisions "victim"; its create hangs after making the machine (watchdog off, long timeout).
        await using var victim = StartChild(world, "victim", c => c with
        {
            Watchdog = false,
            TimeoutsMs = new Dictionary<string, int>(c.TimeoutsMs) { [nameof(Operation.Create)] = 600_000 },
        });
        var session = (await victim.WaitForLineAsync("session ", s_patience)).Split(' ')[1];
        var victimName = $"of-{session}-victim";
        var ledger = new OwnershipLedger(world.StateDirectory);
        Assert.True(await Eventually(async () => ledger.Read(victimName) is not null && await world.InfoAsync(victimName) is not null),
            "the child never recorded and created its machine");
        Assert.Equal(LedgerState.Creating, ledger.Read(victimName)!.State);

        await victim.KillAsync(); // SIGKILL: no finally, no DisposeAsync
        KillOrphanedCreate(world, victimName); // the child's hung orbctl outlives it, as it would on a real host
        var beforeNextRun = world.Log.Count;

        // The next run: a new test process whose first EnsureAsync runs the reaper.
        await using var nextRun = StartChild(world, "db");
        await nextRun.WaitForLineAsync("holding", s_patience);
        Assert.Equal(["db"], nextRun.ReadyMachines().Keys);
        await nextRun.ReleaseAsync();

        Assert.Equal(0, await nextRun.WaitForExitAsync(s_patience));
        Assert.Null(await world.InfoAsync(victimName));
        Assert.Null(ledger.Read(victimName));
        var reaped = world.Log.Skip(beforeNextRun).Where(i => i.Command == "delete").ToList();
        Assert.Single(reaped, i => i.Argv.Contains(victimName));
        Assert.DoesNotContain(world.Log, i => i.Command is "delete" or "stop" && i.Argv.Contains(liveMachine.Name));
        Assert.Equal("running", (string?)(await world.InfoAsync(liveMachine.Name))!["record"]!["state"]);
        Assert.Equal(liveMachine.Id, ledger.Read(liveMachine.Name)!.Id);
        Assert.Empty(world.RunningOrbctl());
    }

    private static void KillOrphanedCreate(SimulatedWorld world, string name)
    {
        foreach (var hung in world.Log.Where(i => i.Command == "create" && i.EndedAt is null && i.Argv.Contains(name)))
        {
            if (!SandboxProcesses.IsRunningIn(hung.Pid, world.Sandbox.Home)) continue; // gone, and its PID maybe reused
            try
            {
                using var process = Process.GetProcessById(hung.Pid);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException) { }
        }
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
