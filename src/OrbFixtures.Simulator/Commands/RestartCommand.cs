using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl restart [-a] KEY...</c>: stop then start.</summary>
internal sealed class RestartCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "restart",
        Use = "[flags] [ID/NAME]..",
        Short = "Restart a machine",
        Long = "Restart the specified machine(s), by ID or name.",
        Example = "  orbctl restart ubuntu",
        Flags = [FlagSpec.Bool("all", 'a', "Restart all machines")],
    };

    public override void Validate(ParsedArgs args, CommandContext context)
    {
        // orbctl checks for a running OrbStack first: when it is down, even a bare "restart" only says so.
        if (context.Service.IsUp && !args.IsSet("all") && args.Positionals.Count == 0) throw UsageError("no machines specified");
    }

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        if (!context.Service.IsUp)
        {
            context.Err.Write("OrbStack is not running\n");
            return 0;
        }

        context.Service.EnsureRunning();
        var keys = args.IsSet("all") ? MachineBatch.AllNames(context) : args.Positionals;
        MachineBatch.Apply(context, keys, MachineLifecycle.Restart);
        return 0;
    }
}
