namespace OrbFixtures.OrbCtl;

/// <summary>The arguments of one <c>orbctl run</c>. The command is an argv list, never a host shell string.</summary>
/// <param name="Machine">The machine name (<c>-m</c>).</param>
/// <param name="Command">The program and its arguments; must be non-empty and must not start with <c>-</c>.</param>
/// <param name="User">Run as this user (<c>-u</c>), or <see langword="null"/> for the machine's default user.</param>
/// <param name="WorkingDirectory">The working directory (<c>-w</c>), or <see langword="null"/>.</param>
/// <param name="StandardInput">Text sent to the command's stdin; never recorded in histories.</param>
/// <param name="Timeout">Overrides the <see cref="Operation.Run"/> timeout for this call.</param>
public sealed record RunCommandRequest(
    string Machine,
    IReadOnlyList<string> Command,
    string? User = null,
    string? WorkingDirectory = null,
    string? StandardInput = null,
    TimeSpan? Timeout = null)
{
    /// <summary>Values (e.g. a password passed as an argument) replaced by <c>***</c> wherever this command is recorded:
    /// argv, output excerpts in histories, exception messages. Standard input is never recorded, so it needs no entry.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];
}
