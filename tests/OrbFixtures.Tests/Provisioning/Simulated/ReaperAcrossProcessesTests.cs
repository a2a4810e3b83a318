using System.Diagnostics;
using System.Reflection;
using OrbFixtures.Ownership;
using OrbFixtures.Provisioning;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Tests.Provisioning.Simulated;

/// <summary>A test process killed with SIGKILL mid-provisioning: the next run reaps its machine, and a concurrently
/// running session's machines are untouched. The killed process is a real child process.</summary>
public sealed class ReaperAcrossProcessesTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90); // child processes start slowly on a busy host

    private static string ChildPath
    {
        get
        {
            var path = typeof(ReaperAcrossProcessesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "ProvisioningChildPath").Value!;
            return OperatingSystem.IsWindows() ? path + ".exe" : path;
        }
    }

    private static Process StartChild(SimulatedWorld world, string logicalName, params string[] extra)
    {
        var psi = new ProcessStartInfo(ChildPath)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { world.StateDirectory, SimulatorSandbox.OrbctlPath, logicalName }.Concat(extra)) psi.ArgumentList.Add(a);
        foreach (var (k, v) in world.Sandbox.Environment) { psi.ArgumentList.Add("--env"); psi.ArgumentList.Add($"{k}={v}"); }
        var child = Process.Start(psi)!;
        _ = child.StandardError.ReadToEndAsync(); // drained, so its progress lines can never fill the pipe and block it
        return child;
    }

    [Fact]
    public async Task The_next_run_reaps_the_machine_of_a_killed_process_and_spares_a_live_sessions_machines()
    {
        using var world = new SimulatedWorld("""
            { "durations": { "create": 100, "provisioning": 100 },
              "faults": [ { "op": "create", "machine": "*-victim", "action": "hang-after-create" } ] }
            """);
        // A concurrently running session (this process) holds its machine throughout.
        await using var live = world.Provisioner();
        var liveMachine = await live.EnsureAsync(MachineSpec.Create("web", "alpine"));

        // A test process provisions "victim"; its create hangs after making the machine (watchdog off, long timeout).
        using var victim = StartChild(world, "victim", "--no-watchdog", "--create-timeout-ms", "600000");
        var session = (await victim.StandardOutput.ReadLineAsync().WaitAsync(s_patience))!.Split(' ')[1];
        var victimName = $"of-{session}-victim";
        var ledger = new OwnershipLedger(world.StateDirectory);
        Assert.True(await Eventually(async () => ledger.Read(victimName) is not null && await world.InfoAsync(victimName) is not null),
            "the child never recorded and created its machine");
        Assert.Equal(LedgerState.Creating, ledger.Read(victimName)!.State);

        victim.Kill(); // SIGKILL: no finally, no DisposeAsync
        await victim.WaitForExitAsync().WaitAsync(s_patience);
        KillOrphanedCreate(world, victimName); // the child's hung orbctl outlives it, as it would on a real host
        var beforeNextRun = world.Log.Count;

        // The next run: a new test process whose first EnsureAsync runs the reaper.
        using var nextRun = StartChild(world, "db");
        Assert.StartsWith("session ", await nextRun.StandardOutput.ReadLineAsync().WaitAsync(s_patience), StringComparison.Ordinal);
        Assert.StartsWith("ready ", await nextRun.StandardOutput.ReadLineAsync().WaitAsync(s_patience), StringComparison.Ordinal);
        nextRun.StandardInput.Close();
        await nextRun.WaitForExitAsync().WaitAsync(s_patience);

        Assert.Equal(0, nextRun.ExitCode);
        Assert.Null(await world.InfoAsync(victimName));
        Assert.Null(ledger.Read(victimName));
        var reaped = world.Log.Skip(beforeNextRun).Where(i => i.Command == "delete").ToList();
        Assert.Single(reaped, i => i.Argv.Contains(victimName));
        Assert.DoesNotContain(world.Log, i => i.Command is "delete" or "stop" && i.Argv.Contains(liveMachine.Name));
        Assert.Equal("running", (string?)(await world.InfoAsync(liveMachine.Name))!["record"]!["state"]);
        Assert.Equal(liveMachine.Id, ledger.Read(liveMachine.Name)!.Id);
        world.AssertNoOrbctlLeft();
    }

    private static void KillOrphanedCreate(SimulatedWorld world, string name)
    {
        foreach (var hung in world.Log.Where(i => i.Command == "create" && i.EndedAt is null && i.Argv.Contains(name)))
        {
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
