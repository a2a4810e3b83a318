using OrbFixtures.Reliability.Simulation;

namespace OrbFixtures.Reliability.Soak;

/// <summary>
/// The lifecycles of a soak and the faults that hit them, drawn from a seed. A lifecycle makes about eight orbctl calls
/// (look up, create, a watchdog poll, info and probe once created, the test's own command, look up and delete at
/// teardown); each is faulted with a 10 % chance: a create with hang-after-create, a transient failure or a delay, any
/// other call with a transient failure or a delay, the test's own command only with a delay (a failing command is the
/// test's to see, never retried). Each fault targets its lifecycle's machine by glob and applies once, in order, so the
/// plan is the same for the same seed, whatever the timing.
/// </summary>
internal sealed class SoakPlan
{
    public const double FaultRate = 0.10;
    public const int DelayMs = 20;
    private static readonly string[] s_nominalCalls = ["info", "create", "info", "info", "run", "command", "info", "delete"];

    private SoakPlan(IReadOnlyList<string> lifecycles, IReadOnlyList<FaultRule> faults)
    {
        Lifecycles = lifecycles;
        Faults = faults;
    }

    /// <summary>The logical machine names, one per lifecycle.</summary>
    public IReadOnlyList<string> Lifecycles { get; }

    public IReadOnlyList<FaultRule> Faults { get; }

    /// <summary>How many nominal calls the plan covers (the base of the 10 %).</summary>
    public int NominalCalls => Lifecycles.Count * s_nominalCalls.Length;

    public static SoakPlan Create(SoakSettings settings)
    {
        var random = new Random(settings.Seed);
        var lifecycles = new List<string>();
        var faults = new List<FaultRule>();
        for (var i = 0; i < settings.Lifecycles; i++)
        {
            var logical = $"soak-{i:D4}";
            lifecycles.Add(logical);
            foreach (var op in s_nominalCalls)
            {
                if (random.NextDouble() >= FaultRate) continue;
                var glob = "*-" + logical;
                var choice = random.Next(op switch { "create" => 3, "command" => 1, _ => 2 });
                faults.Add((op, choice) switch
                {
                    ("create", 2) => FaultRule.HangAfterCreate(glob),
                    ("command", _) => FaultRule.Delay("run", glob, DelayMs),
                    (_, 0) => FaultRule.Fail(op, glob, OrbctlTexts.Transient(op), times: 1),
                    _ => FaultRule.Delay(op, glob, DelayMs),
                });
            }
        }
        return new SoakPlan(lifecycles, faults);
    }
}
