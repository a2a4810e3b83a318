using System.Text.Json;

namespace OrbFixtures.Simulator.Scenario;

/// <summary>Reads one <c>faults[i]</c> entry, rejecting keys that make no sense for its action.</summary>
internal static class FaultReader
{
    private static readonly IReadOnlyDictionary<FaultAction, string[]> s_actionKeys = new Dictionary<FaultAction, string[]>
    {
        [FaultAction.HangAfterCreate] = [],
        [FaultAction.Hang] = [],
        [FaultAction.Fail] = ["exitCode", "stderr"],
        [FaultAction.Delay] = ["delayMs"],
        [FaultAction.Garbage] = ["output"],
    };

    public static FaultRule Read(JsonElement element, string path, Func<string, string?> canonicalOp)
    {
        var f = new JsonFields(element, path, "op", "machine", "times", "action", "exitCode", "stderr", "delayMs", "output");
        var opName = f.String("op") ?? throw new ScenarioException($"'{f.PathOf("op")}' is required (e.g. \"create\")");
        var op = canonicalOp(opName) ?? throw new ScenarioException($"'{f.PathOf("op")}' is not an orbctl subcommand (got '{opName}')");
        var actionName = f.OneOf("action", FaultActionNames.ByName.Keys)
            ?? throw new ScenarioException($"'{f.PathOf("action")}' is required (one of {string.Join(", ", FaultActionNames.ByName.Keys)})");
        var action = FaultActionNames.ByName[actionName];

        if (action == FaultAction.HangAfterCreate && op != "create")
            throw new ScenarioException($"'{f.PathOf("action")}' hang-after-create applies only to op 'create' (got '{op}')");
        foreach (var key in s_actionKeys.Values.SelectMany(k => k).Distinct())
        {
            if (f.Has(key) && !s_actionKeys[action].Contains(key))
                throw new ScenarioException($"'{f.PathOf(key)}' is not valid for action '{actionName}'");
        }

        if (action == FaultAction.Delay && !f.Has("delayMs"))
            throw new ScenarioException($"'{f.PathOf("delayMs")}' is required for action 'delay'");

        var defaults = new FaultRule { Key = "", Op = op, Action = action };
        return defaults with
        {
            Key = path + ":" + element.GetRawText(),
            Machine = f.String("machine"),
            Times = f.Integer("times"),
            ExitCode = f.Integer("exitCode", 0, 255) ?? defaults.ExitCode,
            Stderr = f.String("stderr") ?? defaults.Stderr,
            DelayMs = f.Integer("delayMs") ?? 0,
            Output = f.String("output") ?? defaults.Output,
        };
    }
}
