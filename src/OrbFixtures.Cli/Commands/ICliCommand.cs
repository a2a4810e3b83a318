using System.CommandLine;

namespace OrbFixtures.Cli.Commands;

/// <summary>One <c>orbfixtures</c> command: its name, arguments and options, and its action. A new command is one
/// more file and one more line in <see cref="CliCommands.All"/>.</summary>
internal interface ICliCommand
{
    /// <summary>The command, with its action bound to <paramref name="context"/>.</summary>
    Command Create(CliContext context);
}

/// <summary>Every command of the tool, in the order <c>--help</c> lists them.</summary>
internal static class CliCommands
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new DoctorCommand(),
        new ListCommand(),
        new ReapCommand(),
        new ReportCommand(),
        new ForgetCommand(),
        new TemplatesCommand(),
    ];
}
