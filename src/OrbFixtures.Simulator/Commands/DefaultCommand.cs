using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl default [KEY]</c>: prints or sets the default machine; <c>none</c> clears it (2.2.x).</summary>
internal sealed class DefaultCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "default",
        Use = "[NAME/ID]",
        Aliases = ["set-default", "get-default"],
        Short = "Get or set the default machine",
        Long = """
            Get or set the default machine used for commands.

            Use "orb config" to change the default username.
            """,
        Example = "  orbctl set-default ubuntu",
        Args = ArgsRule.AtMost(1),
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        if (args.Positionals.Count == 0)
        {
            var name = context.Store.Read((document, _) =>
            {
                if (document.Machines.Count == 0) throw new CommandFailedException("[-32098] no machines found");
                return document.DefaultMachineId is { } id ? document.FindById(id)?.Name : null;
            });
            if (name is null) context.Err.Write("No default machine set. (will pick most recently-used machine)\n");
            else context.Out.Write(name + "\n");
            return 0;
        }

        var key = args.Positionals[0];
        context.Store.Update((document, _) =>
        {
            var machine = MachineLookup.Find(document, key, context.Scenario.HostArch);
            if (machine is null && key == "none") document.DefaultMachineId = null;
            else document.DefaultMachineId = (machine ?? throw CommandFailedException.MachineNotFound(key)).Id;
            return 0;
        });
        return 0;
    }
}
