using System.Text;

namespace OrbFixtures.Simulator.Cli;

/// <summary>The help and usage of the root <c>orbctl</c> command: a description and the grouped command list.</summary>
internal static class RootHelp
{
    private const string Description = """
        Use and manage OrbStack and its machines.

        The listed commands can be used with either "orbctl" or "orb".

        You can also prefix commands with "orb" to run them on Linux. For example:
            orb uname -a
        will run "uname -a" on macOS, and is equivalent to:
            orbctl run uname -a

        In this mode, the default user and machine will be used.
        """;

    public static string Help(IReadOnlyList<CommandSpec> commands) => Description + "\n\n" + Usage(commands);

    public static string Usage(IReadOnlyList<CommandSpec> commands)
    {
        var padding = Math.Max(11, commands.Max(c => c.Name.Length));
        var sb = new StringBuilder("Usage:\n  orbctl [command]");
        foreach (var group in commands.GroupBy(c => c.Group))
        {
            sb.Append("\n\n").Append(group.Key);
            foreach (var command in group.OrderBy(c => c.Name, StringComparer.Ordinal))
                sb.Append("\n  ").Append(command.Name.PadRight(padding)).Append(' ').Append(command.Short);
        }

        sb.Append("\n\nAdditional Commands:\n  ").Append("help".PadRight(padding)).Append(" Help about any command");
        sb.Append("\n\nFlags:\n  -h, --help   help for orbctl");
        sb.Append("\n\nUse \"orbctl [command] --help\" for more information about a command.\n");
        return sb.ToString();
    }
}
