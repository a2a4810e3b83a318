using System.Text.RegularExpressions;

namespace OrbFixtures.Packaging.Tests;

/// <summary>One fenced code block of README.md: the level-2 section it is in, its info string and its text.</summary>
internal sealed record FencedBlock(string Section, string Language, string Text)
{
    /// <summary>The shell commands of a bash block: its lines without blanks and comments.</summary>
    public IReadOnlyList<string> Commands => Text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToList();
}

/// <summary>README.md, read as the tests need it: fenced blocks by section.</summary>
internal static partial class Readme
{
    /// <summary>The quick start for xUnit v3, the recommended path.</summary>
    public const string QuickStart = "Quick start";

    /// <summary>The quick start for xUnit v2.</summary>
    public const string ExistingV2Suites = "Existing v2 suites";

    public static string Text => Repository.Read("README.md");

    public static IReadOnlyList<FencedBlock> Blocks()
    {
        var blocks = new List<FencedBlock>();
        var section = "";
        string? language = null;
        var body = new List<string>();
        foreach (var line in Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (language is null)
            {
                if (line.StartsWith("## ", StringComparison.Ordinal)) section = line[3..].Trim();
                else if (Fence().Match(line) is { Success: true } open) { language = open.Groups[1].Value; body.Clear(); }
            }
            else if (line.TrimEnd() == "```")
            {
                blocks.Add(new FencedBlock(section, language, string.Join('\n', body) + "\n"));
                language = null;
            }
            else
            {
                body.Add(line);
            }
        }
        return language is null ? blocks : throw new InvalidOperationException($"README.md has an unclosed ```{language} block in '{section}'.");
    }

    public static IReadOnlyList<FencedBlock> In(string section) => Blocks().Where(b => b.Section == section).ToList();

    [GeneratedRegex(@"^```([a-z]*)\s*$")]
    private static partial Regex Fence();
}
