namespace OrbFixtures.OrbCtl;

/// <summary>
/// Turns a failed <c>orbctl</c> call (exit code + stderr) into an <see cref="OrbCtlErrorKind"/>: the one place that
/// knows orbctl's error texts (the stderr of each command, quoted verbatim in tests/OrbFixtures.Tests/OrbCtl/ErrorClassificationTests.cs).
/// Rules are checked in order; the first match wins.
/// Every phrase contains a space or a quote, which a machine name cannot, so a name never matches by accident.
/// </summary>
internal static class ErrorClassifier
{
    private const string InvalidDistro = "invalid distro";
    private const string ImageMissing = "image not found";
    private const string CloudInitUnsupported = "cloud-init not supported";

    private static readonly (string Phrase, OrbCtlErrorKind Kind)[] s_rules =
    [
        // OrbStack itself is down or still booting (also as "panic: ... [recovered]" with exit 2).
        ("timed out waiting for VM to start", OrbCtlErrorKind.DaemonNotRunning),
        ("timed out waiting for services to start", OrbCtlErrorKind.DaemonNotRunning),
        ("OrbStack is not running", OrbCtlErrorKind.DaemonNotRunning),
        ("VM exited unexpectedly", OrbCtlErrorKind.DaemonNotRunning),
        ("spawn daemon:", OrbCtlErrorKind.DaemonNotRunning),

        ("machine not found", OrbCtlErrorKind.NotFound),
        ("no machines found", OrbCtlErrorKind.NotFound),

        // "machine already exists: 'X'", "machine '\"X\"' already exists", "duplicate in database: ...".
        ("already exists", OrbCtlErrorKind.AlreadyExists),
        ("duplicate in database", OrbCtlErrorKind.AlreadyExists),

        (ImageMissing, OrbCtlErrorKind.ImageNotFound),
        (CloudInitUnsupported, OrbCtlErrorKind.ImageNotFound),

        ("invalid machine name", OrbCtlErrorKind.InvalidArgument),
        (InvalidDistro, OrbCtlErrorKind.InvalidArgument),
        ("invalid architecture", OrbCtlErrorKind.InvalidArgument),
        ("invalid format", OrbCtlErrorKind.InvalidArgument),
        ("unknown flag", OrbCtlErrorKind.InvalidArgument),
        ("unknown shorthand flag", OrbCtlErrorKind.InvalidArgument),
        ("missing value for flag", OrbCtlErrorKind.InvalidArgument),
        ("flag needs an argument", OrbCtlErrorKind.InvalidArgument),
        ("no machines specified", OrbCtlErrorKind.InvalidArgument),
        ("arg(s), received", OrbCtlErrorKind.InvalidArgument),
        ("unknown command", OrbCtlErrorKind.InvalidArgument),
        ("builtin machine", OrbCtlErrorKind.InvalidArgument),

        // Network, slow boots, interrupted setup, races with other transitions: worth another attempt.
        ("fetch index", OrbCtlErrorKind.Transient),
        ("dial tcp", OrbCtlErrorKind.Transient),
        ("connection refused", OrbCtlErrorKind.Transient),
        ("connection reset", OrbCtlErrorKind.Transient),
        ("missing IP address", OrbCtlErrorKind.Transient),
        ("didn't start", OrbCtlErrorKind.Transient),
        ("canceled by machine shutdown", OrbCtlErrorKind.Transient),
        ("crashed on startup", OrbCtlErrorKind.Transient),
        ("cannot transition from", OrbCtlErrorKind.Transient),
        ("invalid transition from", OrbCtlErrorKind.Transient),
        ("machine manager is stopping", OrbCtlErrorKind.Transient),
        ("unexpected EOF", OrbCtlErrorKind.Transient),
        ("': timeout", OrbCtlErrorKind.Transient),
    ];

    /// <summary>The kind of a failed call from its output (the exit code is 1 or 2 for all of them). Stderr is read first; stdout only when
    /// stderr is empty (orbctl <c>logs</c> prints its errors to stdout).</summary>
    public static OrbCtlErrorKind Classify(string? standardError, string? standardOutput = null)
    {
        var text = string.IsNullOrWhiteSpace(standardError) ? standardOutput ?? "" : standardError;
        foreach (var (phrase, kind) in s_rules)
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return kind;
        // Anything else cobra rejects before running ("Error: <msg>" + usage) is an argument problem.
        if (text.TrimStart().StartsWith("Error: ", StringComparison.Ordinal)) return OrbCtlErrorKind.InvalidArgument;
        return OrbCtlErrorKind.Unknown;
    }

    /// <summary>Whether a failed <c>create</c>'s text says orbctl has no such image: an unknown distro, a version the
    /// image server lacks, or cloud-init on an image without it (classified <see cref="OrbCtlErrorKind.InvalidArgument"/>
    /// or <see cref="OrbCtlErrorKind.ImageNotFound"/>).</summary>
    public static bool RejectsImage(string? standardError) =>
        new[] { InvalidDistro, ImageMissing, CloudInitUnsupported }.Any(phrase => (standardError ?? "").Contains(phrase, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether stderr of <c>orbctl run</c> is orbctl's own failure rather than the guest command's output.
    /// A guest may print anything, so only texts no guest plausibly prints as its whole stderr count: the JSON-RPC
    /// prefix, the daemon-start failures, and orbctl's own flag errors (followed by its usage block).</summary>
    public static bool IsOrbCtlOwnRunError(string? standardError)
    {
        var text = (standardError ?? "").Trim();
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        // Stryker disable once Equality : equivalent: the text is trimmed, so a newline is never at 0.
        var firstLine = newline < 0 ? text : text[..newline];
        if (text.StartsWith("[-32098] ", StringComparison.Ordinal)) return true;
        if (firstLine.StartsWith("panic: timed out waiting for", StringComparison.Ordinal)) return true;
        if (firstLine.StartsWith("Error: unknown flag", StringComparison.Ordinal)
            || firstLine.StartsWith("Error: missing value for flag", StringComparison.Ordinal)) return true;
        // Stryker disable once Equality : equivalent: the text is trimmed, so a newline is never at 0.
        return newline < 0
            && (text.StartsWith("timed out waiting for", StringComparison.Ordinal)
                || text.StartsWith("start VM: timed out", StringComparison.Ordinal)
                || text.StartsWith("cannot enter builtin machine", StringComparison.Ordinal));
    }
}
