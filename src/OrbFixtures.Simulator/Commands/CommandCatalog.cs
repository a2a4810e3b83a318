namespace OrbFixtures.Simulator.Commands;

/// <summary>The subcommands the simulator implements.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<OrbctlCommand> Create() =>
    [
        new CloneCommand(), new ConfigCommand(), new CreateCommand(), new DefaultCommand(), new DeleteCommand(), new InfoCommand(),
        new ListCommand(), new LogsCommand(), new PullCommand(), new PushCommand(), new RenameCommand(),
        new RestartCommand(), new RunCommand(), new StartCommand(), new StopCommand(), new StatusCommand(),
        new VersionCommand(),
    ];

    /// <summary>The canonical name for a subcommand name or alias (<c>add</c> → <c>create</c>), or null.</summary>
    public static string? CanonicalName(IEnumerable<OrbctlCommand> commands, string nameOrAlias) =>
        commands.FirstOrDefault(c => c.Spec.Matches(nameOrAlias))?.Spec.Name;
}
