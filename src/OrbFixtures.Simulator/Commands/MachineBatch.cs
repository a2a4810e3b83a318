using OrbFixtures.Simulator.Scenario;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>Applies one lifecycle change to several machines in turn, as start/stop/restart do for their arguments.</summary>
internal static class MachineBatch
{
    public delegate LifecycleStep Change(MachineRecord machine, DateTimeOffset now, Durations durations);

    /// <summary>All non-builtin machine names (what <c>--all</c> means).</summary>
    public static IReadOnlyList<string> AllNames(CommandContext context) =>
        context.Store.Read((document, _) => document.Machines.Select(m => m.Name).ToList());

    public static void Apply(CommandContext context, IEnumerable<string> keys, Change change)
    {
        foreach (var key in keys)
        {
            var step = context.Store.Update((document, now) =>
                change(MachineLookup.Get(document, key, context.Scenario.HostArch), now, context.Scenario.Durations));
            step.Complete(context);
        }
    }
}
