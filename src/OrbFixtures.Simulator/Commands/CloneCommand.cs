using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl clone OLD NEW</c>: a copy with a new ID, the same files and the same settings (user, resources, isolation),
/// left stopped and never booted, so settings changed before its first start apply to it. A running source is allowed:
/// as orbctl's help says, it is paused while cloning.
/// </summary>
internal sealed class CloneCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "clone",
        Use = "[OLD_NAME] [NEW_NAME]",
        Short = "Clone a machine",
        Long = """
            Make a copy of an existing machine.

            The new machine will have all the data and settings from the old machine. Changes in the new machine will not affect the old one.

            Data is snapshotted and copied on demand, so cloning a machine does not result in double the disk usage.

            The new machine will be in a stopped state.

            To prevent data corruption, the existing machine will be paused while cloning.
            """,
        Example = "  orb clone ubuntu foo",
        Args = ArgsRule.Exact(2),
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var newName = args.Positionals[1];
        var (sourceId, clone) = context.Store.Update((document, now) =>
        {
            var source = MachineLookup.Get(document, args.Positionals[0], context.Scenario.HostArch);
            if (source.Builtin) throw new CommandFailedException("[-32098] cannot clone builtin machine");
            if (!MachineNames.IsValid(newName)) throw new CommandFailedException($"[-32098] invalid machine name '{newName}'");
            if (document.FindByName(newName) is not null) throw new CommandFailedException($"[-32098] machine already exists: '{newName}'");

            var copy = new MachineRecord
            {
                Id = Ulid.New(now),
                Name = newName,
                Distro = source.Distro,
                Version = source.Version,
                Arch = source.Arch,
                Variant = source.Variant,
                DefaultUsername = source.DefaultUsername,
                Settings = source.Settings,
                Booted = null,
                CreatedAt = now,
            };
            var done = copy.Transition(now, MachineStates.Stopped, (MachineStates.Creating, context.Scenario.Durations.Clone));
            if (source.StateAt(now) == MachineStates.Running) source.PausedUntil = done;
            document.Machines.Add(copy);
            return (source.Id, copy);
        });

        FileCopy.Copy(context.Store.MachineDirectory(sourceId), context.Store.MachineDirectory(clone.Id));
        context.SleepUntil(clone.SettledAt);
        return 0;
    }
}
