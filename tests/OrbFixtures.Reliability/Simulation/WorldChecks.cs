using OrbFixtures.Ownership;
using OrbFixtures.Reliability.Suite;
using OrbFixtures.TestSupport;
using Xunit;

namespace OrbFixtures.Reliability.Simulation;

/// <summary>
/// What the reliability suite checks at the end of a scenario, from the simulator's own state: no machine left besides
/// the foreign one (<see cref="SimulatedWorld.WithForeignMachineAsync"/>), no orbctl process alive, no ledger record
/// left in the world's state directories, and the foreign machine untouched.
/// </summary>
internal static class WorldChecks
{
    /// <summary>The ledger records in <paramref name="stateDirectory"/>.</summary>
    public static IReadOnlyList<LedgerRecord> Ledger(string stateDirectory) => new OwnershipLedger(stateDirectory).ReadAll();

    /// <summary>What the world holds now besides the foreign machine, its ledgers included.</summary>
    public static Task<WorldCheck> CheckAsync(this SimulatedWorld world) => world.CheckAsync(allowed: [], readLedgers: true);

    /// <summary>What the world holds now besides the foreign machine and the <paramref name="allowed"/> ones (machines
    /// that are meant to stay: not ours, or kept on purpose); the ledgers only when <paramref name="readLedgers"/>.</summary>
    public static async Task<WorldCheck> CheckAsync(this SimulatedWorld world, IReadOnlyCollection<string> allowed, bool readLedgers)
    {
        // Look with OrbStack running and no faults left (a daemon scenario may keep it "Starting" for ever).
        world.Sandbox.WriteScenario(new SimScenario().ToJson());
        var survivors = await SandboxProcesses.SurvivorsAsync(world.Sandbox.Home, TimeSpan.FromSeconds(3));
        var machines = await world.ListAsync();
        var records = (readLedgers ? world.StateDirectories : []).SelectMany(Ledger).Select(r => $"{r.Name} ({r.State}, owner {r.Owner.Pid})").ToList();
        return new WorldCheck(
            machines.Where(m => m.Name != ForeignMachine.Name && !allowed.Contains(m.Name)).ToList(),
            survivors,
            records,
            world.Foreign?.Problem(machines, world.Log));
    }

    /// <summary>Records leaks and foreign damage in the tally, then asserts there are none and no ledger records.</summary>
    public static async Task AssertCleanAsync(this SimulatedWorld world, ReliabilityTally tally)
    {
        var check = await world.CheckAsync();
        tally.Leaked(check.Leaked);
        tally.ForeignTouched(check.ForeignTouched ? 1 : 0);
        Assert.True(check.Clean, check.Describe());
    }
}
