using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl rename OLD NEW</c>: a new name, the same ID.</summary>
internal sealed class RenameCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "rename",
        Use = "[old name/ID] [new name]",
        Short = "Rename a machine",
        Long = "Rename the specified machine.",
        Example = "  orbctl rename ubuntu testubuntu",
        Args = ArgsRule.Exact(2),
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var newName = args.Positionals[1];
        context.Store.Update((document, _) =>
        {
            var machine = MachineLookup.Get(document, args.Positionals[0], context.Scenario.HostArch);
            if (machine.Builtin) throw new CommandFailedException("[-32098] cannot rename builtin machine");
            if (machine.Name == newName) return 0;
            if (!MachineNames.IsValid(newName)) throw new CommandFailedException($"[-32098] invalid machine name '{newName}'");

            // The daemon formats the name with %q inside quotes, hence '"NEW"'.
            if (document.FindByName(newName) is not null) throw new CommandFailedException($"[-32098] machine '\"{newName}\"' already exists");
            machine.Name = newName;
            return 0;
        });
        return 0;
    }
}
