using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl start [-a] [KEY]...</c>: starts machines (idempotent), or OrbStack itself when given none.</summary>
internal sealed class StartCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "start",
        Use = "[flags] [ID/NAME]...",
        Short = "Start OrbStack or a machine",
        Long = """
            Start the specified machine(s), by ID or name.

            If no machines are specified, the command will start all machines that were running when it was last stopped.
            """,
        Example = "  orbctl start ubuntu",
        Flags = [FlagSpec.Bool("all", 'a', "Start all machines")],
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        if (!args.IsSet("all") && args.Positionals.Count == 0)
        {
            if (context.Service.IsUp)
                context.Err.Write("OrbStack is already running. Docker engine is ready to use.\nUse --all to start all machines.\n");
            else
                context.Service.Start();
            return 0;
        }

        context.Service.EnsureRunning();
        var keys = args.IsSet("all") ? MachineBatch.AllNames(context) : args.Positionals;
        MachineBatch.Apply(context, keys, MachineLifecycle.Start);
        return 0;
    }
}
