using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// Reapers that judge a record on what they cannot know (issue 12, classes 2, 4 and 5).
/// <code>
/// slow sweep      a dead session left a creating record (no machine) for a reusable name; a sweeper reads it and is
///                 paused in its lookup of that name; a live session provisions the name and holds it; the sweeper
///                 resumes with its stale snapshot: the live session's machine survives until its own teardown
/// pid namespace   a session under `unshare --pid --fork --mount-proc`, sharing the state directory, holds its machine;
///                 a session outside reaps: the machine survives, and the inner session deletes it itself
/// world switch    a session of orbctl world A is SIGKILLed holding its machine; a session of world B (same state
///                 directory) reaps: A's record and machine stay; a session of world A then reaps both
/// </code>
/// </summary>
internal static class StaleSweeps
{
    private static readonly ChildMachine s_shared = new("shared", "ubuntu:24.04", Reuse: true);

    public static Interleaving SlowSweep { get; } = new("slow concurrent sweep against a live session", SlowSweepAsync);

    public static Interleaving OtherPidNamespace { get; } = new("a session in another PID namespace", PidNamespaceAsync);

    public static Interleaving OrbctlWorldSwitch { get; } = new("a switch of orbctl world", WorldSwitchAsync);

    private static async Task SlowSweepAsync(ScenarioRun run)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = [FaultRule.Hang("create", "*shared*")] });
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("sweep");

        // 1. A session dies while its create hangs before making anything: a creating record and no machine.
        string name;
        await using (var dead = ChildSession.Start("dead", world.ChildConfig(state, [s_shared], hold: false)))
        {
            name = (await dead.WaitForLineAsync("name shared ", Timing.Patience)).Split(' ')[2];
            await ScenarioRun.WaitForAsync(world, i => i.Command == "create" && i.Argv.Contains(name) && i.Fault == "hang", $"create of {name} (hung)");
            await dead.KillAsync();
            run.Log(dead);
        }
        SandboxProcesses.KillAll(world.Sandbox.Home); // its orphaned create, which no later session can kill
        var records = LedgerFiles.Naming(state, name);
        run.Log($"the dead session left {name}: record file(s) {string.Join(", ", records)}; machine {(await world.FindAsync(name))?.ToString() ?? "absent"}");
        if (records.Count == 0)
        {
            run.Problem($"the window was missed: the dead session left no ledger record naming {name}");
            return;
        }

        // 2. A sweeper starts; every lookup of the name it makes is delayed (its own scenario file), and the first one is
        //    paused for as long as the live session needs. Its timeouts are long, so that only the pause decides.
        var sweeperScenario = Path.Combine(world.Sandbox.Root, "sweeper-scenario.json");
        await File.WriteAllTextAsync(sweeperScenario, new SimScenario { Faults = [FaultRule.Delay("info", "*shared*", 1000) with { Times = null }] }.ToJson());
        await using var sweeper = ChildSession.Start("sweeper", world.ChildConfig(state, [], hold: false, c => c with
        {
            ReapOnly = true,
            Environment = new(c.Environment) { ["ORBSIM_SCENARIO"] = sweeperScenario },
            TimeoutsMs = new(c.TimeoutsMs) { ["Info"] = 120_000, ["Delete"] = 120_000 },
        }));
        using var stopWatching = new CancellationTokenSource();
        var lookup = ScenarioRun.WaitForAsync(world, i => i.Command == "info" && i.Argv.Contains(name) && i.Fault == "delay",
            $"the sweeper's lookup of {name}", stopWatching.Token);
        var sweeperExit = sweeper.WaitForExitAsync(Timing.Patience);
        int? paused = null;
        if (await Task.WhenAny(lookup, sweeperExit) == lookup)
        {
            paused = (await lookup).Pid;
            await HostCommands.PauseAsync(paused.Value);
            run.Log($"paused the sweeper's lookup of {name} (orbctl pid {paused})");
        }
        else
        {
            await stopWatching.CancelAsync();
            await lookup.ContinueWith(_ => { }, TaskScheduler.Default); // observed: it can only have been cancelled
            run.Log($"the sweeper ended without looking {name} up");
        }

        // 3. A live session provisions the name and holds its machine.
        await using var live = ChildSession.Start("live", world.ChildConfig(state, [s_shared], hold: true));
        try
        {
            await live.WaitForLineAsync("holding", Timing.Query);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // It may wait for the sweep to finish (e.g. a claimed record); the pause must not deadlock the scenario.
            run.Log($"the live session did not get its machine while the sweep was paused ({e.GetType().Name})");
        }
        if (paused is { } pid) await HostCommands.ResumeAsync(pid);
        await live.WaitForLineAsync("holding", Timing.Patience);
        var held = live.ReadyMachines()[s_shared.Logical];
        run.Log($"the live session holds {held.Name} ({held.Id}); the sweeper resumed");

        // 4. The sweep ends; the live machine must be as it was handed out, until the live session's own teardown.
        run.Log($"the sweeper exited {await sweeperExit}");
        run.Log(sweeper);
        await run.ExpectStillHeldAsync(world, live, held, "the sweep with a stale snapshot");
        await live.ReleaseAsync();
        run.Expect(await live.WaitForExitAsync(Timing.Patience) == 0, "the live session's teardown failed");
        run.Log(live);
        await run.SettleAsync(world, bystanders, held.Name); // reusable: kept for the next run by design
    }

    private static async Task PidNamespaceAsync(ScenarioRun run)
    {
        const string Unshare = "/usr/bin/unshare";
        if (!File.Exists(Unshare))
        {
            run.Problem($"{Unshare} is missing: this scenario needs util-linux's unshare (and root) and must not be skipped");
            return;
        }
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("pidns");
        await using var inner = await ChildSession.StartHoldingAsync("inner",
            world.ChildConfig(state, [new ChildMachine("inner", "ubuntu:24.04")], hold: true), Timing.Patience,
            launcher: [Unshare, "--pid", "--fork", "--mount-proc", "--kill-child"]);
        var held = inner.ReadyMachines()["inner"];
        run.Log($"the session in its own PID namespace ({inner.Lines.First(l => l.StartsWith("session ", StringComparison.Ordinal))}) holds {held.Name} ({held.Id})");

        await using (var outside = new MachineProvisioner(world.Options(state)))
        {
            outside.EventRecorded += (_, e) => { if (e.IsProgress) run.Log($"outside: {e}"); };
            run.Log($"the session outside reaped {await outside.ReapAsync()} machine(s)");
        }
        await run.ExpectStillHeldAsync(world, inner, held, "a reaper outside the PID namespace");

        await inner.ReleaseAsync();
        run.Expect(await inner.WaitForExitAsync(Timing.Patience) == 0, "the inner session's teardown failed");
        run.Log(inner);
        run.Expect(await world.FindAsync(held.Name) is null, $"the inner session's teardown did not delete {held.Name}");
        await run.SettleAsync(world, bystanders);
    }

    private static async Task WorldSwitchAsync(ScenarioRun run)
    {
        await using var worldA = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        await using var worldB = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        var (bystandersA, bystandersB) = (new Bystanders(worldA), new Bystanders(worldB));
        var state = worldA.NewStateDirectory("shared-by-two-worlds");

        (string Name, string Id) held;
        await using (var killed = await ChildSession.StartHoldingAsync("world A",
                         worldA.ChildConfig(state, [new ChildMachine("app", "ubuntu:24.04")], hold: true), Timing.Patience))
        {
            held = killed.ReadyMachines()["app"];
            await killed.KillAsync();
            run.Log(killed);
        }
        var records = LedgerFiles.Naming(state, held.Name);
        run.Log($"world A's session was SIGKILLed holding {held.Name} ({held.Id}); its record file(s): {string.Join(", ", records)}");
        if (records.Count == 0)
        {
            run.Problem($"the window was missed: the killed session left no ledger record naming {held.Name}");
            return;
        }
        await bystandersA.RememberAsync(held.Name); // world B's run must not touch it

        await using (var inB = new MachineProvisioner(worldB.Options(state)))
        {
            inB.EventRecorded += (_, e) => { if (e.IsProgress) run.Log($"world B: {e}"); };
            run.Log($"a session of world B reaped {await inB.ReapAsync()} machine(s)");
        }
        foreach (var path in records)
            run.Expect(File.Exists(path), $"a run against world B dropped world A's record {path}");
        var problems = await bystandersA.ProblemsAsync();
        foreach (var problem in problems) run.Problem($"a run against world B touched world A's machine: {problem}");

        await using (var inA = new MachineProvisioner(worldA.Options(state)))
        {
            inA.EventRecorded += (_, e) => { if (e.IsProgress) run.Log($"world A: {e}"); };
            run.Log($"a session of world A reaped {await inA.ReapAsync()} machine(s)");
        }
        run.Expect(await worldA.FindAsync(held.Name) is null, $"the run against world A did not reap {held.Name}");
        var left = LedgerFiles.Naming(state, held.Name);
        run.Expect(left.Count == 0, $"the run against world A left the record(s) {string.Join(", ", left)}");
        await run.SettleAsync(worldA, new Bystanders(worldA));
        await run.SettleAsync(worldB, bystandersB);
    }
}
