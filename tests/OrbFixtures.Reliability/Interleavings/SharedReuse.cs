using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// Reusable machines shared by sessions (issue 12, classes 1 and 3).
/// <code>
/// concurrent specs  two sessions provision the reusable logical name "cache" at once, one as ubuntu and one as debian,
///                   their creates held by a fault delay so they overlap: each ends with a machine of its own spec's
///                   distro, and a later run of each spec reuses that very machine
/// hand-over         A and B hold the same reusable spec; A ends; C runs and ends with another spec for "cache"; B still
///                   has its machine (same ULID, a command runs); B ends; D with B's spec reuses B's machine, no create
/// </code>
/// </summary>
internal static class SharedReuse
{
    private static readonly ChildMachine s_ubuntu = new("cache", "ubuntu:24.04", Reuse: true);
    private static readonly ChildMachine s_debian = new("cache", "debian:bookworm", Reuse: true);

    public static Interleaving ConcurrentSpecs { get; } = new("concurrent sessions, different specs, one reusable name", ConcurrentAsync);

    public static Interleaving HandOver { get; } = new("reuse hand-over while another session holds the machine", HandOverAsync);

    private static async Task ConcurrentAsync(ScenarioRun run)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = [FaultRule.Delay("create", "*cache*", 2500, times: 2)] });
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("reuse");
        var specs = new[] { s_ubuntu, s_debian };
        var first = await Task.WhenAll(specs.Select(spec => ProvisionOnceAsync(run, world, state, spec)));
        var creates = world.Sandbox.ReadLog().Where(i => i.Command == "create").ToList();
        run.Log($"creates so far: {string.Join("; ", creates.Select(i => $"{string.Join(' ', i.Argv)} [{i.StartedAt:HH:mm:ss.fff}-{i.EndedAt:HH:mm:ss.fff}]"))}");

        // A later run of each spec reuses the machine its spec got, of the right distro.
        var kept = first.OfType<(string Name, string Id)>().Select(m => m.Name).ToList();
        foreach (var (spec, earlier) in specs.Zip(first))
        {
            var later = await ProvisionOnceAsync(run, world, state, spec);
            if (later is { } now) kept.Add(now.Name);
            if (earlier is { } was && later is { } again)
                run.Expect(again == was, $"{spec.Image}: the later run got {again}, not the machine its spec got before, {was}");
        }
        // Reusable machines stay for the next run by design: only those the sessions were handed may remain.
        await run.SettleAsync(world, bystanders, [.. kept]);
    }

    /// <summary>Runs a session with <paramref name="spec"/> to its end; checks it got a machine of its own distro.</summary>
    private static async Task<(string Name, string Id)?> ProvisionOnceAsync(ScenarioRun run, SimulatedWorld world, string state, ChildMachine spec)
    {
        await using var session = ChildSession.Start(spec.Image, world.ChildConfig(state, [spec], hold: false));
        var exit = await session.WaitForExitAsync(Timing.Patience);
        run.Log(session);
        if (!session.ReadyMachines().TryGetValue(spec.Logical, out var machine))
        {
            run.Problem($"{spec.Image}: the session got no machine (exit {exit}): " +
                        (session.Lines.FirstOrDefault(l => l.StartsWith("failed ", StringComparison.Ordinal)) ?? "no failure line"));
            return null;
        }
        var distro = session.ReadyDistros()[spec.Logical];
        run.Expect(spec.Image.StartsWith(distro + ":", StringComparison.Ordinal),
            $"{spec.Image}: the session was handed {machine.Name} ({machine.Id}), a {distro} machine");
        return machine;
    }

    private static async Task HandOverAsync(ScenarioRun run)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("handover");
        await using var a = await ChildSession.StartHoldingAsync("A", world.ChildConfig(state, [s_ubuntu], hold: true), Timing.Patience);
        await using var b = await ChildSession.StartHoldingAsync("B", world.ChildConfig(state, [s_ubuntu], hold: true), Timing.Patience);
        var held = b.ReadyMachines()[s_ubuntu.Logical];
        run.Log($"A holds {a.ReadyMachines()[s_ubuntu.Logical]}, B holds {held}");

        await a.ReleaseAsync();
        run.Expect(await a.WaitForExitAsync(Timing.Patience) == 0, "A's teardown failed");
        List<string> kept = [held.Name];
        await using (var c = ChildSession.Start("C", world.ChildConfig(state, [s_debian], hold: false)))
        {
            run.Log($"C ({s_debian.Image}) exited {await c.WaitForExitAsync(Timing.Patience)}");
            run.Log(c);
            kept.AddRange(c.ReadyMachines().Values.Select(m => m.Name));
        }

        // B must still be talking to the machine it was handed.
        await run.ExpectStillHeldAsync(world, b, held, "A's hand-over and C's other spec");
        await b.ReleaseAsync();
        run.Expect(await b.WaitForExitAsync(Timing.Patience) == 0, "B's teardown failed");
        run.Log(a);
        run.Log(b);

        // D with B's spec reuses B's machine: same name, same ULID, and no create of it.
        var startedAt = DateTimeOffset.UtcNow;
        await using var d = ChildSession.Start("D", world.ChildConfig(state, [s_ubuntu], hold: false));
        var dName = (await d.WaitForLineAsync("name cache ", Timing.Patience)).Split(' ')[2];
        run.Expect(await d.WaitForExitAsync(Timing.Patience) == 0, "D failed");
        run.Log(d);
        var reused = d.ReadyMachines().TryGetValue(s_ubuntu.Logical, out var got) ? got : default;
        run.Expect(reused == held, $"D with B's spec got {(reused == default ? "no machine" : reused.ToString())}, not B's {held}");
        var recreated = world.Sandbox.ReadLog().Where(i => i.Command == "create" && i.Argv.Contains(dName) && i.StartedAt >= startedAt).ToList();
        run.Expect(recreated.Count == 0, $"D created {dName} again ({recreated.Count} create invocation(s)) instead of reusing it");
        await run.SettleAsync(world, bystanders, [.. kept]);
    }
}
