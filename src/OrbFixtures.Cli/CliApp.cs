using System.CommandLine;
using OrbFixtures.Cli.Commands;

namespace OrbFixtures.Cli;

/// <summary>The <c>orbfixtures</c> command line: the root command with every command of <see cref="CliCommands"/>,
/// parsed once; a parse error is a usage error (exit 2) naming the value and pointing at <c>--help</c>.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(host);
        var root = new RootCommand(
            "See, check and clean up what OrbFixtures owns, without running tests. " +
            "Every command prints plain text, or JSON with --json. " + ExitCodes.Help);
        root.Options.Add(CliContext.Json);
        root.Options.Add(CliContext.Settings);
        foreach (var command in CliCommands.All) root.Subcommands.Add(command.Create(context));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await host.Error.WriteLineAsync($"orbfixtures: {error.Message}").ConfigureAwait(false);
            var path = new List<string>();
            for (var result = parsed.CommandResult; result.Command != root; result = (System.CommandLine.Parsing.CommandResult)result.Parent!)
                path.Insert(0, result.Command.Name);
            var help = string.Join(" ", ["orbfixtures", .. path, "--help"]);
            await host.Error.WriteLineAsync($"Fix the arguments; `{help}` lists what this command accepts.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
