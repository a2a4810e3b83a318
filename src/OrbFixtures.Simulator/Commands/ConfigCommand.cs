using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl config show|get|set|reset</c>: OrbStack-wide settings and, since 2.2, per-machine ones
/// (<c>machine.NAME.cpu|memory_mib|disk_bytes|isolated|…</c>, see <see cref="ConfigKeys"/>). A machine setting is stored
/// at once (<c>config get</c> and <c>info</c> show it) and applied when the machine next boots: before a clone's first
/// start, or by a restart of a running machine.
/// </summary>
internal sealed class ConfigCommand : OrbctlCommand
{
    private const string RestartToApply = "Restart OrbStack with \"orbctl stop\" to apply changes.";

    private static readonly CommandSpec s_show = Sub("show", "", "Show current configuration",
        "Show the current configuration for the Linux virtual machine.", "  orbctl show", ArgsRule.None);

    private static readonly CommandSpec s_get = Sub("get", "KEY", "Get a config value", """
        Get the value of a single OrbStack configuration option.

        See "orbctl config show" for a list of options.
        """, "  orbctl get app.start_at_login", ArgsRule.Exact(1));

    private static readonly CommandSpec s_set = Sub("set", "KEY VALUE", "Set a config option", """
        Set a single configuration option for the Linux virtual machine.

        See "orb config show" for a list of options.

        Some options will only take effect after restarting the virtual machine.
        """, "  orbctl set memory_mib 4096", ArgsRule.Exact(2));

    private static readonly CommandSpec s_reset = Sub("reset", "", "Reset config to defaults", """
        Reset all configuration options to their default values.

        Some options will only take effect after restarting the virtual machine.
        """, "  orbctl reset", ArgsRule.None);

    private static readonly IReadOnlyList<CommandSpec> s_subcommands = [s_get, s_reset, s_set, s_show];

    public override CommandSpec Spec { get; } = new()
    {
        Name = "config",
        Use = "",
        Short = "Change OrbStack settings",
        Long = "Change OrbStack settings.",
        Example = "",
        Group = "General:",
    };

    /// <summary>
    /// Finds the subcommand like cobra: <c>config</c> itself cannot run, so without a known subcommand cobra prints
    /// config's help and exits 0 (even for a misspelt one).
    /// </summary>
    public override ParsedArgs Parse(IReadOnlyList<string> argv)
    {
        var verbAt = argv.ToList().FindIndex(a => !a.StartsWith('-'));
        var verb = verbAt >= 0 ? argv[verbAt] : null;
        if (verb == "docker") throw new CommandFailedException("orbsim: 'orbctl config docker' is not simulated");
        if (s_subcommands.FirstOrDefault(s => s.Name == $"config {verb}") is not { } sub)
        {
            var help = new ParsedArgs { HelpText = ParentHelp() };
            help.Set("help", "true");
            return help;
        }

        var parsed = FlagParser.Parse(sub, argv.Where((_, i) => i != verbAt).ToList());
        if (parsed.HelpRequested) parsed.HelpText = UsageText.Help(sub);
        else sub.Args.Validate(sub, parsed.Positionals);
        parsed.Positionals.Insert(0, verb!);
        return parsed;
    }

    public override IReadOnlyList<string> Targets(ParsedArgs args, CommandContext context) =>
        args.Positionals is [_, var key, ..] && ConfigKeys.MachineNameOf(key) is { } machine ? [machine] : [];

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var scenario = context.Scenario;
        switch (args.Positionals[0])
        {
            case "show":
                var lines = context.Store.Read((document, _) => ConfigKeys.Show(document, scenario));
                context.Out.Write(string.Concat(lines.Select(l => l + "\n")));
                break;
            case "get":
                context.Out.Write(context.Store.Read((document, _) => ConfigKeys.Get(document, scenario, args.Positionals[1])) + "\n");
                break;
            case "set":
                // orbctl prints its hints with cobra's cmd.Println, which writes to stderr.
                if (context.Store.Update((document, _) => ConfigKeys.Set(document, scenario, args.Positionals[1], args.Positionals[2])))
                    context.Err.Write(RestartToApply + "\n");
                break;
            default:
                // Resets OrbStack's own settings; machines keep theirs (they are stored with the machines).
                context.Store.Update((document, _) =>
                {
                    document.Config.Clear();
                    return 0;
                });
                context.Err.Write("Restart OrbStack with \"orbctl stop\" to apply all changes.\n");
                break;
        }

        return 0;
    }

    private static CommandSpec Sub(string name, string use, string summary, string description, string example, ArgsRule args) => new()
    {
        Name = $"config {name}",
        Use = use,
        Short = summary,
        Long = description,
        Example = example,
        Args = args,
    };

    /// <summary>Cobra's help for a command that only groups subcommands.</summary>
    private string ParentHelp()
    {
        var commands = s_subcommands.Select(s => (Name: s.Name["config ".Length..], s.Short))
            .Append((Name: "docker", Short: "Edit Docker engine configuration"))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        return $"{Spec.Long}\n\nUsage:\n  orbctl config [command]\n\nAvailable Commands:\n"
            + string.Concat(commands.Select(c => $"  {c.Name,-11} {c.Short}\n"))
            + "\nFlags:\n  -h, --help   help for config\n\nUse \"orbctl config [command] --help\" for more information about a command.\n";
    }
}
