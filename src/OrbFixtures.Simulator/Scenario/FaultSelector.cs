using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Scenario;

/// <summary>
/// Picks the fault for an invocation: the first rule in file order whose op and machine glob match and whose
/// <c>times</c> budget is not spent. Budgets are counted in the state file under its lock, so they hold across
/// concurrent orbctl processes.
/// </summary>
internal static class FaultSelector
{
    public static AppliedFault? Select(IReadOnlyList<FaultRule> faults, string op, Func<IReadOnlyList<string>> targets, StateStore store)
    {
        var names = new Lazy<IReadOnlyList<string>>(targets);
        var candidates = new List<AppliedFault>();
        foreach (var rule in faults.Where(f => f.Op == op))
        {
            if (rule.Machine is null)
            {
                candidates.Add(new AppliedFault(rule, names.Value.FirstOrDefault() ?? ""));
                continue;
            }

            if (names.Value.FirstOrDefault(t => Glob.IsMatch(rule.Machine, t)) is { } name)
                candidates.Add(new AppliedFault(rule, name));
        }

        if (candidates.Count == 0) return null;
        if (candidates[0].Rule.Times is null) return candidates[0];
        return store.Update((document, _) =>
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Rule.Times is not { } times) return candidate;
                var used = document.FaultUses.GetValueOrDefault(candidate.Rule.Key);
                if (used >= times) continue;
                document.FaultUses[candidate.Rule.Key] = used + 1;
                return candidate;
            }

            return null;
        });
    }
}
