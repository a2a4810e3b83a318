using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrbFixtures.Diagnostics;

public sealed partial class AttemptHistory
{
    /// <summary>A compact human-readable block: one line per attempt or note, with durations and decisions.</summary>
    public string Render()
    {
        List<object> entries;
        long dropped;
        lock (_gate) { entries = [.. _head, .. _tail]; dropped = _dropped; }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Subject}:").AppendLine();
        if (entries.Count == 0) sb.AppendLine("  (nothing recorded)");
        var headCount = Math.Min(entries.Count, _headCapacity);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == headCount && dropped > 0)
                sb.Append(CultureInfo.InvariantCulture, $"  ... {dropped} entries omitted ...").AppendLine();
            sb.Append("  ").AppendLine(Describe(entries[i]));
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The history as JSON: subject, counts and every entry kept.</summary>
    public string ToJson()
    {
        List<object> entries;
        long dropped;
        lock (_gate) { entries = [.. _head, .. _tail]; dropped = _dropped; }
        var payload = new
        {
            subject = Subject,
            totalRecorded = entries.Count + dropped,
            dropped,
            entries = entries.Select(e => e switch
            {
                AttemptRecord a => (object)new
                {
                    kind = "attempt",
                    operation = a.Operation.ToString(),
                    attempt = a.AttemptNumber,
                    argv = a.Arguments,
                    startedAt = a.StartedAt,
                    durationMs = Math.Round(a.Duration.TotalMilliseconds, 1),
                    timeoutMs = a.Timeout.TotalMilliseconds,
                    exitCode = a.ExitCode,
                    outcome = a.Outcome.ToString(),
                    error = a.Error?.ToString(),
                    stdout = a.StandardOutputTail,
                    stderr = a.StandardErrorTail,
                    decision = a.Decision,
                },
                HistoryNote n => new { kind = "note", at = n.At, message = n.Message },
                _ => throw new InvalidOperationException("Unknown history entry."),
            }),
        };
        return JsonSerializer.Serialize(payload, s_json);
    }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    internal static string Describe(object entry) => entry switch
    {
        AttemptRecord a => string.Create(CultureInfo.InvariantCulture,
            $"{a.StartedAt:HH:mm:ss.fff} {a.Operation} #{a.AttemptNumber} `{ArgvText.Format(a.Arguments)}` " +
            $"timeout {FormatDuration(a.Timeout)}, took {FormatDuration(a.Duration)}: {DescribeOutcome(a)} -> {a.Decision}"),
        HistoryNote n => string.Create(CultureInfo.InvariantCulture, $"{n.At:HH:mm:ss.fff} {n.Message}"),
        _ => entry.ToString() ?? "",
    };

    private static string DescribeOutcome(AttemptRecord a)
    {
        var exit = a.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
        var text = a.Outcome switch
        {
            AttemptOutcome.Succeeded when a.Error is { } answer => $"answered {answer} (exit {exit})",
            AttemptOutcome.Succeeded when a.ExitCode is not (0 or null) => $"completed with exit {exit}",
            AttemptOutcome.Succeeded => "succeeded",
            AttemptOutcome.TimedOut => "TIMED OUT (process tree killed)",
            AttemptOutcome.Cancelled => "cancelled (process tree killed)",
            _ => $"failed ({a.Error?.ToString() ?? "Unknown"}, exit {exit})",
        };
        if (a.Outcome == AttemptOutcome.Succeeded && a.Error is null) return text;
        var stderr = OutputExcerpt.OneLine(a.StandardErrorTail);
        if (stderr.Length > 0) return $"{text}: {stderr}";
        var stdout = OutputExcerpt.OneLine(a.StandardOutputTail);
        return stdout.Length > 0 ? $"{text}: stdout '{stdout}'" : text;
    }

    /// <summary>A short duration text: <c>850 ms</c>, <c>1.8 s</c>, <c>10 min</c>.</summary>
    internal static string FormatDuration(TimeSpan d) => d.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0} ms"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:0.##} min"),
    };
}
