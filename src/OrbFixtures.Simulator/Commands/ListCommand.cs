using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Output;
using OrbFixtures.Simulator.State;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl list [-r] [-q] [-f text|json]</c>: every non-builtin machine, sorted by name.</summary>
internal sealed class ListCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "list",
        Use = "",
        Short = "List machines",
        Long = "List machines and their respective status.",
        Example = "  orbctl list",
        Args = ArgsRule.None,
        Flags =
        [
            FlagSpec.Bool("running", 'r', "only show running machines"),
            FlagSpec.Bool("quiet", 'q', "only show machine names"),
            FlagSpec.String("format", 'f', "output format (json)"),
        ],
    };

    public override void Validate(ParsedArgs args, CommandContext context)
    {
        if (args.Value("format") is { } format && format is not ("" or "text" or "json"))
            throw UsageError($"invalid format: {format}");
    }

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var machines = context.Store.Read((document, now) => document.Machines
            .Select(m => MachineView.Of(m, now, context.Scenario.Addresses))
            .Where(v => !args.IsSet("running") || v.State == MachineStates.Running)
            .OrderBy(v => v.Machine.Name, StringComparer.Ordinal)
            .ToList());

        if (args.IsSet("quiet"))
        {
            foreach (var machine in machines) context.Out.Write(machine.Machine.Name + "\n");
        }
        else if (args.Value("format") == "json")
        {
            context.Out.Write(GoJson.Serialize(machines.Select(m => m.ToRecordJson()).ToList(), OutputJsonContext.Default.ListRecordJson));
        }
        else
        {
            context.Out.Write(TabTable.Format(TextRows(machines, context.StdoutIsTerminal)));
        }

        return 0;
    }

    /// <summary>The text table; its two header lines appear only on a terminal, as in the real CLI.</summary>
    private static List<IReadOnlyList<string>> TextRows(IEnumerable<MachineView> machines, bool terminal)
    {
        var rows = new List<IReadOnlyList<string>>();
        if (terminal)
        {
            rows.Add(["NAME", "STATE", "DISTRO", "VERSION", "ARCH", "SIZE", "IP"]);
            rows.Add(["----", "-----", "------", "-------", "----", "----", "--"]);
        }

        rows.AddRange(machines.Select(v => (IReadOnlyList<string>)
        [
            v.Machine.Name, v.State, v.Machine.Distro, v.Machine.Version, v.Machine.Arch,
            v.DiskBytes is { } bytes ? DiskSizeText.Format(bytes) : "", v.Ip4 ?? "",
        ]));
        return rows;
    }
}
