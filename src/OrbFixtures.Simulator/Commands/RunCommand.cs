using OrbFixtures.Simulator.Cli;
using OrbFixtures.Simulator.Guest;
using OrbFixtures.Simulator.Scenario;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// <c>orbctl run [-m NAME] [-u USER] [-w DIR] [-s] [-p] COMMAND [ARGS]...</c>: runs a built-in guest program or a
/// scripted response (which may first cost simulated time); the guest's exit code becomes orbctl's.
/// </summary>
internal sealed class RunCommand : OrbctlCommand
{
    private const string NoMachinesHelp = """
        To use Docker:
            docker run ...
        See "orb docker" for more info.

        To create a Linux machine:
            orb create ubuntu
        See "orb create --help" for supported distros and options.

        """;

    public override CommandSpec Spec { get; } = new()
    {
        Name = "run",
        Use = "[flags] -- [COMMAND] [ARGS]...",
        Aliases = ["exec", "shell"],
        Short = "Run command on Linux",
        Long = """
            Run a command on Linux.

            If no arguments are provided, an interactive shell is started.
            The default machine and/or user are used if not specified.

            You can also prefix commands with "orb" to run them on Linux. For example:
                orb uname -a
            will run "uname -a" on Linux, and is equivalent to: orbctl run uname -a

            If you prefer SSH, use "orb ssh" for details.
            """,
        Example = "  orbctl run ls",
        Flags =
        [
            FlagSpec.String("machine", 'm', "Use a specific machine"),
            FlagSpec.String("user", 'u', "Run as a specific user"),
            FlagSpec.String("workdir", 'w', "Set the working directory"),
            FlagSpec.Bool("shell", 's', "Use the login shell instead of running command directly"),
            FlagSpec.Bool("path", 'p', "Translate absolute macOS paths to Linux paths"),
        ],
    };

    public override ParsedArgs Parse(IReadOnlyList<string> argv) => RunFlagParser.Parse(Spec, argv);

    public override IReadOnlyList<string> Targets(ParsedArgs args, CommandContext context) =>
        GuestAccess.Targets(context, args.Value("machine"));

    public override int Execute(ParsedArgs args, CommandContext context)
    {
        context.Service.EnsureRunning();
        var key = args.Value("machine") is { Length: > 0 } m ? m : null;
        State.MachineRecord machine;
        try
        {
            machine = GuestAccess.Enter(context, key);
        }
        catch (CommandFailedException e) when (key is null && e.Stderr == "[-32098] no machines found")
        {
            context.Err.Write(NoMachinesHelp);
            return 1;
        }

        var session = GuestAccess.Session(context, machine, args.Value("user"), args.Value("workdir"));
        var command = args.Positionals;
        if (command.Count == 0) return ShellScript.Run(session, session.Stdin);
        if (args.IsSet("shell")) return ShellScript.Run(session, string.Join(' ', command));

        var scripted = ScriptedRuns.Answer(context, machine, command);
        if (scripted is null) return GuestPrograms.Run(session, command);

        session.Sleep(TimeSpan.FromMilliseconds(scripted.DurationMs));
        if (scripted.Execute) return GuestPrograms.Run(session, command);
        context.Out.Write(scripted.Stdout);
        context.Err.Write(scripted.Stderr);
        return scripted.ExitCode;
    }
}
