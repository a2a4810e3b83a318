namespace OrbFixtures;

/// <summary>The result of a command run inside a machine. A non-zero exit code is a result, not an error.</summary>
/// <param name="ExitCode">The guest command's exit code (orbctl passes it through).</param>
/// <param name="StandardOutput">What the command wrote to stdout: all of it, or — past the output cap — the first and
/// last part with a marker line between them that says how many bytes were dropped.</param>
/// <param name="StandardError">What the command wrote to stderr, bounded the same way.</param>
/// <param name="Duration">Wall time of the <c>orbctl run</c> process.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>Whether the exit code is 0.</summary>
    public bool IsSuccess => ExitCode == 0;

    /// <summary>Bytes of stdout that are not in <see cref="StandardOutput"/> (dropped between its head and tail).</summary>
    /// <value>The default value is 0: the output is complete.</value>
    public long StandardOutputDroppedBytes { get; init; }

    /// <summary>Bytes of stderr that are not in <see cref="StandardError"/>.</summary>
    /// <value>The default value is 0: the output is complete.</value>
    public long StandardErrorDroppedBytes { get; init; }

    /// <summary>Whether stdout or stderr was cut to the output cap (or, for a streamed command, to its excerpt).</summary>
    public bool IsTruncated => StandardOutputDroppedBytes > 0 || StandardErrorDroppedBytes > 0;
}
