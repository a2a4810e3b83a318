using System.Globalization;
using OrbFixtures.Diagnostics;

namespace OrbFixtures.OrbCtl;

/// <summary>Builds the <see cref="OrbCtlException"/> a call ends with: a message that stands on its own (command,
/// classification, orbctl's own text or the output that did not parse, timeout, attempts).</summary>
internal static class OrbCtlFailure
{
    private const int MaxQuotedOutput = 500;

    public static OrbCtlException ToException(OrbCtlCall call, OrbCtlErrorKind kind, Exception? inner)
    {
        var invocation = call.Invocation;
        var last = call.Last ?? call.Current;
        var command = ArgvText.Format(invocation.RecordedArgv);
        var attempts = call.Attempts == 1 ? "1 attempt" : string.Create(CultureInfo.InvariantCulture, $"{call.Attempts} attempts");
        var stderr = last?.StandardError.Trim() ?? "";
        var stdout = last?.StandardOutput.Trim() ?? "";
        var op = invocation.Operation;
        var message = kind switch
        {
            OrbCtlErrorKind.TimedOut =>
                $"'{command}' timed out after {EventText.Duration(invocation.Timeout)} (the {op} timeout; change it with " +
                $"OperationTimeouts.With(Operation.{op}, ...)) and its process tree was killed ({attempts}).",
            OrbCtlErrorKind.MalformedOutput =>
                $"'{command}' printed output that OrbFixtures cannot read: {last?.Problem ?? "unexpected output"} ({attempts}). " +
                $"Output: '{Quote(stdout)}'" + (stderr.Length > 0 ? $"; stderr: '{Quote(stderr)}'" : ""),
            _ when last is { DidNotStart: true, Problem: { } problem } =>
                $"'{command}' could not be run: {problem}",
            _ =>
                $"'{command}' failed ({kind}, exit {last?.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}) after {attempts}: " +
                (stderr.Length > 0 ? stderr : stdout.Length > 0 ? stdout : "orbctl printed no error text"),
        };
        return new OrbCtlException(message, op, kind, invocation.RecordedArgv, last?.ExitCode, stderr, stdout,
            invocation.Timeout, call.Attempts, inner);
    }

    private static string Quote(string text) =>
        text.Length <= MaxQuotedOutput ? text : string.Concat(text.AsSpan(0, MaxQuotedOutput), "...");
}
