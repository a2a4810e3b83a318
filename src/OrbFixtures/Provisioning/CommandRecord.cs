namespace OrbFixtures;

/// <summary>A command a test ran inside a machine, kept for failure diagnostics and echoed to the test output.</summary>
/// <param name="Machine">The machine's logical name.</param>
/// <param name="Command">The argv run inside the machine.</param>
/// <param name="User">The user it ran as, or <see langword="null"/> for the default.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="ExitCode">Its exit code; <see langword="null"/> when it did not complete (timeout, error).</param>
/// <param name="StandardOutputTail">The last part of its stdout.</param>
/// <param name="StandardErrorTail">The last part of its stderr (or the error, when it did not complete).</param>
public sealed record CommandRecord(
    string Machine,
    IReadOnlyList<string> Command,
    string? User,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? ExitCode,
    string StandardOutputTail,
    string StandardErrorTail);
