namespace OrbFixtures;

/// <summary>Options of one command run inside a machine.</summary>
public sealed record RunOptions
{
    /// <summary>Run as this Linux user (<c>-u</c>); <see langword="null"/> for the machine's default user.</summary>
    public string? User { get; init; }

    /// <summary>The working directory inside the machine (<c>-w</c>).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Text sent to the command's stdin; never recorded.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Overrides the Run timeout for this command.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Bytes of each output stream kept in the result (first and last half, with a marker line between them
    /// saying how many bytes were dropped); 1 KiB to 1 GiB. <see langword="null"/> for
    /// <see cref="OrbFixturesOptions.MaxOutputBytes"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxOutputBytes { get; init; }

    /// <summary>
    /// Values that must never be shown or stored (a password or token passed as an argument, or printed by the command):
    /// each is replaced by <c>***</c> where the command is recorded — the command echo, the machine's recent commands,
    /// attempt histories, failure reports, the JSON run report and exception messages and properties — in the argv
    /// and in output excerpts. The <see cref="CommandResult"/> returned to the caller is not redacted.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Throw <see cref="MachineCommandException"/> when the command exits non-zero.</summary>
    /// <value>The default value is <see langword="false"/>: a non-zero exit is a result.</value>
    public bool ThrowOnNonZeroExit { get; init; }
}
