namespace OrbFixtures.Simulator.Scenario;

/// <summary>The scenario spelling of each <see cref="FaultAction"/> (also what ORBSIM_LOG records).</summary>
internal static class FaultActionNames
{
    public static readonly IReadOnlyDictionary<string, FaultAction> ByName = new Dictionary<string, FaultAction>(StringComparer.Ordinal)
    {
        ["hang-after-create"] = FaultAction.HangAfterCreate,
        ["hang"] = FaultAction.Hang,
        ["fail"] = FaultAction.Fail,
        ["delay"] = FaultAction.Delay,
        ["garbage"] = FaultAction.Garbage,
    };

    public static string NameOf(FaultAction action) => ByName.First(p => p.Value == action).Key;
}
