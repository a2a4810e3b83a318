namespace OrbFixtures;

/// <summary>
/// An <c>orbctl</c> call failed. Carries everything needed to understand the failure without a debugger:
/// the operation, the classification, the (redacted) argv, the exit code, orbctl's own text and the timeout.
/// </summary>
public sealed class OrbCtlException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> should already be self-contained.</summary>
    public OrbCtlException(
        string message,
        Operation operation,
        OrbCtlErrorKind kind,
        IReadOnlyList<string> arguments,
        int? exitCode,
        string standardError,
        string standardOutput,
        TimeSpan timeout,
        int attempts,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        Kind = kind;
        Arguments = arguments;
        ExitCode = exitCode;
        StandardError = standardError;
        StandardOutput = standardOutput;
        Timeout = timeout;
        Attempts = attempts;
    }

    /// <summary>This failure with <paramref name="hint"/> appended to its message (everything else unchanged).</summary>
    internal OrbCtlException WithHint(string hint) =>
        new($"{Message} {hint}", Operation, Kind, Arguments, ExitCode, StandardError, StandardOutput, Timeout, Attempts, InnerException)
        {
            Hint = hint,
        };

    /// <summary>What OrbFixtures adds to orbctl's words to help fix the failure (already in the message), if anything.</summary>
    internal string? Hint { get; private init; }

    /// <summary>The operation that failed.</summary>
    public Operation Operation { get; }

    /// <summary>How the failure was classified.</summary>
    public OrbCtlErrorKind Kind { get; }

    /// <summary>The argv of the last attempt, <c>orbctl</c> first, with secrets redacted.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The exit code of the last attempt; <see langword="null"/> when it was killed (timeout).</summary>
    public int? ExitCode { get; }

    /// <summary>orbctl's stderr of the last attempt (trimmed).</summary>
    public string StandardError { get; }

    /// <summary>orbctl's stdout of the last attempt (trimmed; the malformed text for <see cref="OrbCtlErrorKind.MalformedOutput"/>).</summary>
    public string StandardOutput { get; }

    /// <summary>The per-attempt timeout that applied.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
