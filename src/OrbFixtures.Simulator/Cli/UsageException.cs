namespace OrbFixtures.Simulator.Cli;

/// <summary>
/// An argument error that cobra reports as <c>Error: MESSAGE</c> followed by the command's usage block (exit 1).
/// </summary>
internal sealed class UsageException(string message, CommandSpec command) : Exception(message)
{
    public CommandSpec Command { get; } = command;
}
