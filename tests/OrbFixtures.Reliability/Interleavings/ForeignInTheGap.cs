using OrbFixtures.Reliability.Simulation;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;

namespace OrbFixtures.Reliability.Interleavings;

/// <summary>
/// A user makes a machine by hand under the very name a session is about to create (issue 12, class 1). The session
/// must not adopt it: its EnsureAsync fails with <see cref="MachineProvisioningException"/>, and neither its teardown
/// nor a later reaper touches the hand-made machine.
/// <code>
/// gap        the session's lookup says absent; it then waits at the create gate (MaxParallelCreates 1) behind a
///            create held by a fault delay; the user makes the machine (a) with another distro, (b) with the same
///            distro: it predates the session's create, so it cannot be that create's product either
/// watchdog   the session's own create is held by a fault delay; the user makes the machine with another distro and
///            the session's watchdog sees it running
/// </code>
/// </summary>
internal static class ForeignInTheGap
{
    private const string Image = "ubuntu:24.04";

    public static Interleaving LookupCreateGap { get; } = new("foreign machine in the gap between lookup and create", async run =>
        await Task.WhenAll(AtTheGateAsync(run, "debian:bookworm"), AtTheGateAsync(run, Image)));

    public static Interleaving WatchdogSeesForeign { get; } = new("watchdog sees a foreign running machine", WatchdogAsync);

    private static async Task AtTheGateAsync(ScenarioRun run, string handImage)
    {
        var variant = handImage == Image ? "same distro, made before our create" : "another distro";
        // The blocker's create holds the only create slot for 5 s (so the hand-made machine predates our create by
        // seconds, well beyond any clock skew); the child starts the target only once the blocker's create holds the
        // slot, so the target's create always waits at the gate.
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = [FaultRule.Delay("create", "*blocker*", 5000)] });
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("gap");
        await using var session = ChildSession.Start("gap", world.ChildConfig(state,
            [new ChildMachine("blocker", "alpine"), new ChildMachine("target", Image, AfterCreateOf: "blocker")], hold: false, c => c with { MaxParallelCreates = 1 }));
        var target = (await session.WaitForLineAsync("name target ", Timing.Patience)).Split(' ')[2];

        await ScenarioRun.WaitForAsync(world, i => i.Command == "create" && i.Fault == "delay", "create of the blocker (held)");
        await ScenarioRun.WaitForAsync(world, i => i.Command == "info" && i.Argv.Contains(target) && i.EndedAt is not null,
            $"lookup of {target} (ended)");
        if (world.Sandbox.ReadLog().Any(i => i.Command == "create" && i.Argv.Contains(target)))
        {
            run.Problem($"{variant}: the window was missed: {target}'s create began before the blocker's, so it never waited at the gate");
            return;
        }
        var hand = await bystanders.MakeAsync(handImage, target);
        run.Log($"{variant}: made {hand} ({handImage}) by hand while the session waited at the create gate");
        await ExpectRefusedAsync(run, world, session, target, variant);
        if (world.Sandbox.ReadLog().Where(i => i.Command == "create" && i.Argv.Contains(target)).Skip(1).FirstOrDefault() is { } ours)
            run.Log($"{variant}: the hand-made machine's ULID time is {(ours.StartedAt - UlidTime(hand.Id)).TotalSeconds:0.00} s before the session's create began");
        await LaterReaperAsync(run, world, state, variant);
        await run.SettleAsync(world, bystanders);
    }

    /// <summary>The creation time a ULID carries: its first 10 Crockford base-32 characters, milliseconds since 1970.</summary>
    private static DateTimeOffset UlidTime(string ulid)
    {
        const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var ms = ulid[..10].Aggregate(0L, (time, c) => (time * 32) + Crockford.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal));
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static async Task WatchdogAsync(ScenarioRun run)
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning,
            new SimScenario { Faults = [FaultRule.Delay("create", "*target*", 4000)] });
        var bystanders = new Bystanders(world);
        var state = world.NewStateDirectory("watchdog");
        await using var session = ChildSession.Start("watchdog", world.ChildConfig(state, [new ChildMachine("target", Image)], hold: false));
        var target = (await session.WaitForLineAsync("name target ", Timing.Patience)).Split(' ')[2];

        await ScenarioRun.WaitForAsync(world, i => i.Command == "create" && i.Argv.Contains(target) && i.Fault == "delay", $"create of {target} (held)");
        var hand = await bystanders.MakeAsync("debian:bookworm", target);
        run.Log($"made {hand} (debian) by hand while the session's create was held");
        await ExpectRefusedAsync(run, world, session, target, "watchdog");

        // The scenario proves something only if the watchdog looked while the hand-made machine was there: a lookup that
        // ended after the hand-made create had (so it saw the machine running) and began while our create was held.
        var log = world.Sandbox.ReadLog();
        var handCreate = log.First(i => i.Command == "create" && i.Argv.Contains(target) && i.Fault is null);
        var ourCreate = log.First(i => i.Command == "create" && i.Argv.Contains(target) && i.Fault == "delay");
        run.Expect(log.Any(i => i.Command == "info" && i.Argv.Contains(target) && i.EndedAt > handCreate.EndedAt
                                && (ourCreate.EndedAt is null || i.StartedAt < ourCreate.EndedAt)),
            "the window was missed: no lookup saw the hand-made machine while the session's create was held");
        await LaterReaperAsync(run, world, state, "watchdog");
        await run.SettleAsync(world, bystanders);
    }

    /// <summary>The session must fail with MachineProvisioningException for <paramref name="target"/> and exit.</summary>
    private static async Task ExpectRefusedAsync(ScenarioRun run, SimulatedWorld world, ChildSession session, string target, string variant)
    {
        var exit = await session.WaitForExitAsync(Timing.Patience);
        run.Log(session);
        var ready = session.Lines.FirstOrDefault(l => l.StartsWith("ready target ", StringComparison.Ordinal));
        if (ready is not null)
            run.Problem($"{variant}: the session adopted the hand-made machine: EnsureAsync returned it ({ready}) instead of " +
                        "throwing MachineProvisioningException");
        var failed = session.Lines.FirstOrDefault(l => l.StartsWith("failed ", StringComparison.Ordinal));
        run.Expect(failed is not null && failed.StartsWith("failed MachineProvisioningException ", StringComparison.Ordinal)
                   && failed.Contains(target, StringComparison.Ordinal),
            $"{variant}: expected the session to fail with MachineProvisioningException naming {target}; it exited {exit} " +
            $"with {failed ?? "no failure"}");
        run.Log($"{variant}: machines after the session: {string.Join(", ", await world.ListAsync())}");
    }

    /// <summary>A later run's reaper (a new process, after the session has exited) must leave the machine alone too.</summary>
    private static async Task LaterReaperAsync(ScenarioRun run, SimulatedWorld world, string state, string variant)
    {
        await using var reaper = ChildSession.Start("later reaper", world.ChildConfig(state, [], hold: false, c => c with { ReapOnly = true }));
        var exit = await reaper.WaitForExitAsync(Timing.Patience);
        run.Log(reaper);
        run.Expect(exit == 0, $"{variant}: the later reaper exited {exit}");
    }
}
