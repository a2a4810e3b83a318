namespace OrbFixtures.Simulator.Scenario;

/// <summary>Shell-style name matching: <c>*</c> is any run of characters, <c>?</c> one character, the rest literal.</summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text) => Match(pattern.AsSpan(), text.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (pattern.Length > 0)
        {
            switch (pattern[0])
            {
                case '*':
                    pattern = pattern.TrimStart('*');
                    if (pattern.Length == 0) return true;
                    for (var i = 0; i <= text.Length; i++)
                    {
                        if (Match(pattern, text[i..])) return true;
                    }

                    return false;
                case '?':
                    if (text.Length == 0) return false;
                    break;
                default:
                    if (text.Length == 0 || text[0] != pattern[0]) return false;
                    break;
            }

            pattern = pattern[1..];
            text = text[1..];
        }

        return text.Length == 0;
    }
}
