namespace OrbFixtures.Simulator.Cli;

/// <summary>
/// A first argument that names no command. Cobra reports it without the usage block:
/// <c>Error: unknown command "x" for "orbctl"</c>, optional suggestions, then <c>Run 'orbctl --help' for usage.</c>
/// </summary>
internal sealed class UnknownCommandException(string message) : Exception(message);
