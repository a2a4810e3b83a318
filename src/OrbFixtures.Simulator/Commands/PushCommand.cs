using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Guest;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl push [-m NAME] SRC... [DEST]</c>: host files into the machine; DEST is relative to the user's home.</summary>
internal sealed class PushCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "push",
        Use = "[flags] macOS-source... [Linux-dest]",
        Short = "Copy files to Linux",
        Long = """
            Copy files from macOS to Linux.

            Destination path is relative to the Linux user's home directory.
            If destination is not specified, the home directory is used.
            """,
        Example = "  orbctl push example.txt Desktop/",
        Args = ArgsRule.AtLeast(1),
        Flags = [FlagSpec.String("machine", 'm', "Copy to a specific machine")],
    };

    public override IReadOnlyList<string> Targets(ParsedArgs args, CommandContext context) =>
        GuestAccess.Targets(context, args.Value("machine"));

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var machine = GuestAccess.Enter(context, args.Value("machine") is { Length: > 0 } m ? m : null);
        var session = GuestAccess.Session(context, machine, user: null, workdir: null);
        var (sources, destination) = CopyArguments.Split(args.Positionals);
        var target = session.Resolve(destination);
        var intoDirectory = sources.Count > 1 || destination.EndsWith('/') || session.Files.IsDirectory(target);

        var status = 0;
        foreach (var source in sources)
        {
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                context.Err.Write($"cp: cannot stat '{source}': No such file or directory\n");
                status = 1;
                continue;
            }

            var guestPath = intoDirectory ? GuestPath.Resolve(target, Path.GetFileName(Path.GetFullPath(source).TrimEnd('/'))) : target;
            FileCopy.Copy(source, session.Files.HostPath(guestPath));
        }

        return status;
    }
}
