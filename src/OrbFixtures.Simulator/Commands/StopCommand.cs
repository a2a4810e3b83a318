using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl stop [-a] [-f] [KEY]...</c>: stops machines (idempotent). With no machine it stops the whole OrbStack
/// service, exactly like the real one, which is why clients must never pass an empty name.
/// </summary>
internal sealed class StopCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "stop",
        Use = "[flags] [ID/NAME]..",
        Aliases = ["shutdown"],
        Short = "Stop OrbStack or a machine",
        Long = """
            Stop the specified machines(s), by ID or name.

            If no arguments are provided, this command will stop the entire OrbStack service, including Docker and all machines.
            """,
        Example = "  orbctl stop ubuntu",
        Flags =
        [
            FlagSpec.Bool("all", 'a', "Stop all machines"),
            FlagSpec.Bool("force", 'f', "Force VM to stop immediately (if no arguments). May cause data loss!"),
        ],
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        if (!context.Service.IsUp)
        {
            context.Err.Write("OrbStack is not running\n");
            return 0;
        }

        if (!args.IsSet("all") && args.Positionals.Count == 0)
        {
            context.Service.Stop();
            return 0;
        }

        context.Service.EnsureRunning();
        var keys = args.IsSet("all") ? MachineBatch.AllNames(context) : args.Positionals;
        MachineBatch.Apply(context, keys, MachineLifecycle.Stop);
        return 0;
    }
}
