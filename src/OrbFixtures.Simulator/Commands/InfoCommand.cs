using System.Text;
using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Output;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl info KEY [-f json]</c>: one machine, as text or as the ≥1.11 JSON wrapper.</summary>
internal sealed class InfoCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "info",
        Use = "[ID/NAME]",
        Aliases = ["i"],
        Short = "Get info about a machine",
        Long = "Get info about the specified machine, by ID or name.",
        Example = "  orbctl list",
        Args = ArgsRule.Exact(1),
        Flags = [FlagSpec.String("format", 'f', "output format (json)")],
    };

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var view = context.Store.Read((document, now) =>
            MachineView.Of(MachineLookup.Get(document, args.Positionals[0], context.Scenario.HostArch), now, context.Scenario.Addresses));

        // Like orbctl, any format other than "json" means text.
        context.Out.Write(args.Value("format") == "json"
            ? GoJson.Serialize(view.ToInfoJson(), OutputJsonContext.Default.InfoJson)
            : Text(view));
        return 0;
    }

    private static string Text(MachineView view)
    {
        var m = view.Machine;
        var sb = new StringBuilder()
            .Append($"ID: {m.Id}\nName: {m.Name}\nState: {view.State}\n\n")
            .Append($"Distro: {m.Distro}\nVersion: {m.Version}\nArchitecture: {m.Arch}\n\n");
        if (view.DiskBytes is { } bytes) sb.Append($"Disk usage: {DiskSizeText.Format(bytes)}\n\n");
        if (view.Ip4 is not null) sb.Append($"IPv4: {view.Ip4}\nIPv6: {view.Ip6}\n\n");
        if (m.Builtin) sb.Append("Machine is built-in.\n");
        return sb.ToString();
    }
}
