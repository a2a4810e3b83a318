using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl delete [-a] [-f] KEY...</c>: resolves every machine first (one missing machine deletes none), asks for
/// confirmation only on a terminal without <c>-f</c>, then deletes them one by one.
/// </summary>
internal sealed class DeleteCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "delete",
        Use = "[flags] [ID/NAME]...",
        Short = "Delete a machine",
        Long = """
            Delete the specified machine, by ID or name.

            The machine will be stopped if it is running.
            All files stored in the machine will be PERMANENTLY LOST without warning!
            """,
        Example = "  orbctl delete ubuntu",
        Flags =
        [
            FlagSpec.Bool("all", 'a', "Delete all machines"),
            FlagSpec.Bool("force", 'f', "Force deletion without confirmation"),
        ],
    };

    public override void Validate(ParsedArgs args, CommandContext context)
    {
        if (!args.IsSet("all") && args.Positionals.Count == 0) throw UsageError("no machines specified");
    }

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var all = args.IsSet("all");
        var keys = all ? MachineBatch.AllNames(context) : args.Positionals;
        var ids = context.Store.Read((document, _) =>
            keys.Select(k => MachineLookup.Get(document, k, context.Scenario.HostArch).Id).ToList());

        if (!args.IsSet("force") && context.StdinIsTerminal && !Confirm(context, all, args.Positionals)) return 1;

        foreach (var id in ids)
        {
            var step = context.Store.Update((document, now) =>
                MachineLifecycle.Delete(document, MachineLookup.Get(document, id, context.Scenario.HostArch), now, context.Scenario.Durations));
            step.Complete(context);

            // Saving once more removes the finished record and its files.
            context.Store.Update((_, _) => 0);
        }

        return 0;
    }

    private static bool Confirm(CommandContext context, bool all, IEnumerable<string> names)
    {
        context.Err.Write(all
            ? "WARNING: This will PERMANENTLY DELETE ALL DATA in ALL machines!\n"
            : "WARNING: This will PERMANENTLY DELETE ALL DATA in the following machines:\n" + string.Concat(names.Select(n => $"  {n}\n")));
        context.Err.Write("You cannot undo this action.\n\nContinue [y/N]? ");
        context.Err.Flush();
        var answer = context.ReadLine()?.Trim().ToLowerInvariant();
        if (answer is "y" or "yes") return true;
        context.Err.Write("Aborted\n");
        return false;
    }
}
