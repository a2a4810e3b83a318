using System.Globalization;
using System.Text;

namespace OrbFixtures.Xunit;

/// <summary>How a command run in a machine is shown to people: argv, exit code, duration, output tails.</summary>
internal static class CommandTranscript
{
    private const int MaxTailCharacters = 400;

    public static string Format(CommandRecord record, string indent = "")
    {
        var sb = new StringBuilder();
        var exit = record.ExitCode is { } code ? $"exit {code.ToString(CultureInfo.InvariantCulture)}" : "did not complete";
        sb.Append(indent).Append(CultureInfo.InvariantCulture,
            $"[{record.Machine}] $ {Quote(record.Command)}{(record.User is null ? "" : $"  (as {record.User})")} -> {exit} in {Duration(record.Duration)}");
        AppendTail(sb, indent, "stdout", record.StandardOutputTail);
        AppendTail(sb, indent, "stderr", record.StandardErrorTail);
        return sb.ToString();
    }

    /// <summary>A shell-like rendering for reading only (commands are never run through a shell).</summary>
    public static string Quote(IEnumerable<string> argv) => string.Join(' ', argv.Select(a =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal))
            ? a
            : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static void AppendTail(StringBuilder sb, string indent, string label, string tail)
    {
        var text = tail.TrimEnd();
        if (text.Length == 0) return;
        if (text.Length > MaxTailCharacters) text = "..." + text[^MaxTailCharacters..];
        foreach (var line in text.Split('\n'))
            sb.AppendLine().Append(indent).Append("    ").Append(label).Append(": ").Append(line.TrimEnd('\r'));
    }

    private static string Duration(TimeSpan d) => d.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0} ms");
}
