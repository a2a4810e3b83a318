using OrbFixtures.Reliability.Simulation;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestChild;
using OrbFixtures.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OrbFixtures.Reliability.Concurrency;

/// <summary>
/// Test processes that share one OrbStack and one ledger: two sessions provision the same collection (same logical
/// names) at once, a third starts while they hold their machines, and a fourth is SIGKILLed before the third starts.
/// No name collides; the third's reaper removes the dead session's machine while the live sessions' machines stay
/// (same ULIDs); each session's teardown deletes only its own machines; the foreign machine is never touched.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public sealed class ConcurrentSessionsTests(ReliabilityTally tally, ITestOutputHelper output)
{
    private static readonly TimeSpan s_patience = Timing.Patience;
    // The shape of the samples' "two distros" collection: same logical names in every session.
    private static readonly ChildMachine[] s_collection = [new("ubuntu", "ubuntu:22.04", "app"), new("debian", "debian:bookworm")];

    [Fact]
    public async Task Concurrent_sessions_never_collide_clean_only_their_own_and_a_live_session_is_never_reaped()
    {
        await using var world = await SimulatedWorld.WithForeignMachineAsync(Timing.Tuning, new SimScenario());
        var state = world.NewStateDirectory("shared");
        await using var first = ChildSession.Start("first", world.ChildConfig(state, s_collection, hold: true));
        await using var second = ChildSession.Start("second", world.ChildConfig(state, s_collection, hold: true));
        await using var doomed = ChildSession.Start("doomed", world.ChildConfig(state, [s_collection[0]], hold: true));
        await Task.WhenAll(new[] { first, second, doomed }.Select(s => s.WaitForLineAsync("holding", s_patience)));
        var doomedMachine = doomed.ReadyMachines()["ubuntu"];
        await doomed.KillAsync();

        await using var third = ChildSession.Start("third", world.ChildConfig(state, s_collection, hold: true));
        await third.WaitForLineAsync("holding", s_patience);
        var live = new[] { first, second, third };
        var owned = live.ToDictionary(s => s, s => s.ReadyMachines().Values.ToHashSet());
        Log(first, second, doomed, third);

        // Six distinct machines of three sessions, all present with the ULIDs their sessions were handed.
        Assert.All(owned.Values, machines => Assert.Equal(s_collection.Length, machines.Count));
        Assert.Equal(live.Length * s_collection.Length, owned.Values.SelectMany(m => m).Select(m => m.Name).Distinct().Count());
        await AssertPresentAsync(world, owned.Values.SelectMany(m => m));

        // The third session's reaper ran while the first two were alive: it deleted the dead session's machine only.
        // Until the teardowns below, a reaper is the only caller of `orbctl delete`, and the first two sessions swept
        // before the doomed one died, so the simulator's invocation log shows exactly what the third one's deleted.
        var deleted = world.Sandbox.ReadLog().Where(i => i.Command == "delete").Select(i => i.Argv[^1]).ToList();
        await Counted.RunAsync(tally.Crash, async () =>
        {
            Assert.Equal([doomedMachine.Name], deleted.Distinct());
            Assert.Null(await world.FindAsync(doomedMachine.Name));
        });

        // Each teardown deletes exactly its own machines; the others stay as they were.
        foreach (var session in new[] { third, first, second })
        {
            await session.ReleaseAsync();
            Assert.Equal(0, await session.WaitForExitAsync(s_patience));
            owned.Remove(session);
            var remaining = (await world.ListAsync()).Select(m => (m.Name, m.Id)).ToHashSet();
            Assert.Equal(owned.Values.SelectMany(m => m).Append((ForeignMachine.Name, world.Foreign!.Original.Id)).ToHashSet(), remaining);
        }
        await world.AssertCleanAsync(tally);
    }

    private static async Task AssertPresentAsync(SimulatedWorld world, IEnumerable<(string Name, string Id)> machines)
    {
        var listed = (await world.ListAsync()).ToDictionary(m => m.Name);
        Assert.All(machines, m => Assert.True(listed.TryGetValue(m.Name, out var found) && found.Id == m.Id && found.State == "running",
            $"{m.Name} ({m.Id}) is not running as handed out; listed: {string.Join(", ", listed.Values)}"));
    }

    private void Log(params ChildSession[] sessions)
    {
        foreach (var session in sessions) output.WriteLine(session.Transcript());
    }
}
