namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// An error orbctl prints as one stderr line (a daemon error such as <c>[-32098] machine not found: 'x'</c>) before
/// exiting with <see cref="ExitCode"/>. An empty <see cref="Stderr"/> prints nothing.
/// </summary>
internal sealed class CommandFailedException(string stderr, int exitCode = 1) : Exception(stderr)
{
    public string Stderr { get; } = stderr;

    public int ExitCode { get; } = exitCode;

    public static CommandFailedException MachineNotFound(string key) => new($"[-32098] machine not found: '{key}'");

    public static CommandFailedException BadTransition(string from, string to) => new($"[-32098] cannot transition from {from} to {to}");
}
