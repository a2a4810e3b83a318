using System.Globalization;
using System.Text;
using OrbFixtures.Diagnostics;

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
            $"[{record.Machine}] $ {ArgvText.Format(record.Command)}{(record.User is null ? "" : $"  (as {record.User})")} -> {exit} in {Duration(record.Duration)}");
        AppendTail(sb, indent, "stdout", record.StandardOutputTail);
        AppendTail(sb, indent, "stderr", record.StandardErrorTail);
        return sb.ToString();
    }

    private static void AppendTail(StringBuilder sb, string indent, string label, string tail)
    {
        var text = tail.TrimEnd();
        if (text.Length == 0) return;
        if (text.Length > MaxTailCharacters) text = "..." + text[^MaxTailCharacters..];
        foreach (var line in text.Split('\n'))
            sb.AppendLine().Append(indent).Append("    ").Append(label).Append(": ").Append(line.TrimEnd('\r'));
    }

    private static string Duration(TimeSpan d) => AttemptHistory.FormatDuration(d);
}
