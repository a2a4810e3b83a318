using CliWrap;

namespace OrbFixtures.OrbCtl;

/// <summary>The arguments of one <c>orbctl run</c>. The command is an argv list, never a host shell string.</summary>
/// <param name="Machine">The machine name (<c>-m</c>).</param>
/// <param name="Command">The program and its arguments; must be non-empty and must not start with <c>-</c>.</param>
/// <param name="User">Run as this user (<c>-u</c>), or <see langword="null"/> for the machine's default user.</param>
/// <param name="WorkingDirectory">The working directory (<c>-w</c>), or <see langword="null"/>.</param>
/// <param name="StandardInput">Text sent to the command's stdin; never recorded in histories.</param>
/// <param name="Timeout">Overrides the <see cref="Operation.Run"/> timeout for this call.</param>
internal sealed record RunCommandRequest(
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

    /// <summary>Bytes of each output stream kept in the result (first and last half, a marker between), between
    /// <see cref="OrbCtlClientOptions.MinMaxOutputBytes"/> and <see cref="OrbCtlClientOptions.MaxMaxOutputBytes"/>;
    /// <see langword="null"/> for the client's <see cref="OrbCtlClientOptions.MaxOutputBytes"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxOutputBytes { get; init; }

    /// <summary>Receives every byte of stdout as it arrives (no cap); the result then keeps only the first and last
    /// 4 KiB of it. <see langword="null"/> to capture stdout in the result.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PipeTarget? StandardOutputTarget { get; init; }

    /// <summary>Receives every byte of stderr as it arrives (no cap); the result then keeps only the first and last
    /// 4 KiB of it. <see langword="null"/> to capture stderr in the result.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PipeTarget? StandardErrorTarget { get; init; }
}
