using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Guest;
using OrbFixtures.Simulator.Output;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl logs [-a] KEY</c>: a short simulated console log. Like orbctl, a log that cannot be read is reported on
/// stdout with exit 0 (a machine still being created has none yet).
/// </summary>
internal sealed class LogsCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "logs",
        Use = "[ID/NAME]",
        Aliases = ["log", "console"],
        Short = "Show logs for a machine",
        Long = "Show the unified logs for the specified machine, by ID or name.",
        Example = "  orbctl logs ubuntu",
        Args = ArgsRule.Exact(1),
        Flags = [FlagSpec.Bool("all", 'a', "show all logs (useful for debugging)")],
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var view = context.Store.Read((document, now) =>
            MachineView.Of(MachineLookup.Get(document, args.Positionals[0], context.Scenario.HostArch), now, context.Scenario.Addresses));
        var m = view.Machine;
        var hasLogs = view.State != MachineStates.Creating;

        if (args.IsSet("all"))
        {
            context.Out.Write("Runtime:\n");
            context.Out.Write((hasLogs ? $"container {m.Name} ({m.Id}) started" : NoLogs(m.Name, "runtime")) + "\n");
            context.Out.Write("\n\n\nConsole:\n");
        }

        context.Out.Write((hasLogs ? ConsoleLog(m) : NoLogs(m.Name, "console")) + "\n");
        return 0;
    }

    private static string NoLogs(string name, string kind) => $"[-32098] machine '{name}' has no logs of type {kind}";

    private static string ConsoleLog(MachineRecord m)
    {
        var pretty = OsRelease.For(m.Distro, m.Version).Split('\n')[0]["PRETTY_NAME=".Length..].Trim('"');
        return $"[    0.000000] Linux version 6.15.11-orbstack-00539-g9885ebd8e3f4\n"
               + "[    0.418206] Run /sbin/init as init process\n"
               + $"Welcome to {pretty}!\n"
               + $"{m.Name} login:";
    }
}
