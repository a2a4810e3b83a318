using System.Globalization;

namespace OrbFixtures.Benchmarks;

/// <summary>Simulator scenarios (src/OrbFixtures.Simulator/README.md) for the benchmarks.</summary>
internal static class Scenario
{
    /// <summary>Every simulated duration zero: what is left is process and library cost.</summary>
    public static string Instant() => WithCreate(0);

    /// <summary>A create that takes <paramref name="createMs"/> in total (all of it in the <c>creating</c> state), every
    /// other phase instant; optionally the first create hangs after making the machine (the seed's failure).</summary>
    public static string WithCreate(int createMs, bool hangFirstCreate = false)
    {
        var create = createMs.ToString(CultureInfo.InvariantCulture);
        var faults = hangFirstCreate ? """[{ "op": "create", "times": 1, "action": "hang-after-create" }]""" : "[]";
        return $$"""
            {
              "durations": { "create": {{create}}, "provisioning": 0, "start": 0, "stop": 0, "restart": 0,
                             "delete": 0, "clone": 0, "daemonStart": 0 },
              "faults": {{faults}}
            }
            """;
    }
}
