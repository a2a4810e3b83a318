namespace OrbFixtures.OrbCtl;

/// <summary>The result of a command run inside a machine. A non-zero exit code is a result, not an error.</summary>
/// <param name="ExitCode">The guest command's exit code (orbctl passes it through).</param>
/// <param name="StandardOutput">Everything the command wrote to stdout.</param>
/// <param name="StandardError">Everything the command wrote to stderr.</param>
/// <param name="Duration">Wall time of the <c>orbctl run</c> process.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>Whether the exit code is 0.</summary>
    public bool IsSuccess => ExitCode == 0;
}
