using System.Globalization;

namespace OrbFixtures.Diagnostics;

/// <summary>Bounds the output kept per attempt. Long output keeps its beginning (where a panic or an error names
/// the problem) and its end (where the latest progress is), so a history stays small yet readable.</summary>
internal static class OutputExcerpt
{
    /// <summary>The most characters kept of one stream of one attempt (about 2 KB).</summary>
    public const int MaxLength = 2048;

    private const int HeadLength = 512;

    /// <summary>The text itself when short enough, otherwise its head and tail around an omission marker.</summary>
    public static string Of(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.Length <= maxLength) return text;
        var head = Math.Min(HeadLength, maxLength / 4);
        var tail = maxLength - head;
        var omitted = text.Length - head - tail;
        return string.Create(CultureInfo.InvariantCulture,
            $"{text.AsSpan(0, head)}\n... ({omitted} characters omitted) ...\n{text.AsSpan(text.Length - tail)}");
    }

    /// <summary>One line for compact rendering: whitespace runs and line breaks collapsed, at most
    /// <paramref name="maxLength"/> characters.</summary>
    public static string OneLine(string? text, int maxLength = 300)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var joined = string.Join(" | ", lines);
        return joined.Length <= maxLength ? joined : string.Concat(joined.AsSpan(0, maxLength - 3), "...");
    }
}
