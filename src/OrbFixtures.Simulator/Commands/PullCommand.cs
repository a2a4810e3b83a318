using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Guest;

namespace OrbFixtures.Simulator.Commands;

/// <summary><c>orbctl pull [-m NAME] SRC... [DEST]</c>: machine files (relative to the user's home) to the host; DEST defaults to the current directory.</summary>
internal sealed class PullCommand : OrbctlCommand
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "pull",
        Use = "[flags] macOS-source... [Linux-dest]",
        Short = "Copy files from Linux",
        Long = """
            Copy files from Linux to macOS.

            Source paths are relative to the Linux user's home directory.
            If destination is not specified, the current directory is used.
            """,
        Example = "  orbctl pull code/example.txt .",
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
        var intoDirectory = sources.Count > 1 || destination.EndsWith('/') || Directory.Exists(destination);

        var status = 0;
        foreach (var source in sources)
        {
            var guestPath = session.Resolve(source);
            if (!session.Files.IsFile(guestPath) && !session.Files.IsDirectory(guestPath))
            {
                context.Err.Write($"cp: cannot stat '{source}': No such file or directory\n");
                status = 1;
                continue;
            }

            var hostPath = intoDirectory ? Path.Combine(destination, GuestPath.FileName(guestPath)) : destination;
            if (File.Exists(session.Files.HostPath(guestPath)) || Directory.Exists(session.Files.HostPath(guestPath)))
                FileCopy.Copy(session.Files.HostPath(guestPath), hostPath);
            else
                File.WriteAllBytes(hostPath, session.Files.ReadBytes(guestPath)!);
        }

        return status;
    }
}
