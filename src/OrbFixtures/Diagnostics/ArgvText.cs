using System.Text;

namespace OrbFixtures.Diagnostics;

/// <summary>Shows an argv the way a user would type it, quoting only what needs quoting. For display only: the
/// client never passes a command line through a shell.</summary>
internal static class ArgvText
{
    public static string Format(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    private static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(IsPlain)) return arg;
        var sb = new StringBuilder("'");
        foreach (var c in arg) sb.Append(c == '\'' ? "'\\''" : c.ToString());
        return sb.Append('\'').ToString();
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '@' or '+' or '%' or '*';
}
