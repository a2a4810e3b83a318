using System.Text;

namespace OrbFixtures.Simulator.Guest;

/// <summary>
/// A deliberately tiny <c>sh</c>: simple commands with quoting, joined by <c>;</c>, newlines, <c>&amp;&amp;</c> and
/// <c>||</c>, plus <c>exit N</c> and <c>cd</c>. Anything else (pipes, redirections, variables, subshells) is
/// refused with a clear message rather than silently misread.
/// </summary>
internal static class ShellScript
{
    private sealed record Step(IReadOnlyList<string> Argv, string JoinedBy);

    public static int Run(GuestSession session, string script)
    {
        List<Step> steps;
        try
        {
            steps = Parse(script, session.Home);
        }
        catch (FormatException e)
        {
            session.Err.Write($"sh: 1: {e.Message}\n");
            return 2;
        }

        var status = 0;
        foreach (var step in steps)
        {
            if ((step.JoinedBy == "&&" && status != 0) || (step.JoinedBy == "||" && status == 0) || step.Argv.Count == 0) continue;
            switch (step.Argv[0])
            {
                case "exit":
                    return step.Argv.Count > 1 && int.TryParse(step.Argv[1], out var code) ? code & 0xff : status;
                case "cd":
                    status = ChangeDirectory(session, step.Argv.Count > 1 ? step.Argv[1] : session.Home);
                    break;
                default:
                    status = GuestPrograms.Run(session, step.Argv);
                    break;
            }
        }

        return status;
    }

    private static int ChangeDirectory(GuestSession session, string target)
    {
        var path = session.Resolve(target);
        if (!session.Files.IsDirectory(path))
        {
            session.Err.Write($"sh: 1: cd: can't cd to {target}\n");
            return 2;
        }

        session.Workdir = path;
        return 0;
    }

    private static List<Step> Parse(string script, string home)
    {
        var steps = new List<Step>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var joinedBy = ";";

        void EndWord()
        {
            if (inWord) words.Add(word.ToString());
            word.Clear();
            inWord = false;
        }

        void EndStep(string next)
        {
            EndWord();
            steps.Add(new Step(words.ToList(), joinedBy));
            words.Clear();
            joinedBy = next;
        }

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\n' or ';':
                    EndStep(";");
                    break;
                case '&' or '|' when i + 1 < script.Length && script[i + 1] == c:
                    EndStep(new string(c, 2));
                    i++;
                    break;
                case '#' when !inWord:
                    while (i + 1 < script.Length && script[i + 1] != '\n') i++;
                    break;
                case '~' when !inWord && (i + 1 == script.Length || script[i + 1] is '/' or ' ' or ';' or '\n'):
                    word.Append(home);
                    inWord = true;
                    break;
                case '\'':
                    var close = script.IndexOf('\'', i + 1);
                    if (close < 0) throw new FormatException("Syntax error: Unterminated quoted string");
                    word.Append(script, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                    break;
                case '"':
                    i = ReadDoubleQuoted(script, i, word);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 < script.Length) word.Append(script[++i]);
                    inWord = true;
                    break;
                case '&' or '|' or '<' or '>' or '$' or '`' or '(' or ')' or '*' or '?':
                    throw new FormatException($"orbsim: unsupported shell syntax '{c}' (the simulated sh runs simple commands joined by ;, && and ||)");
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        EndStep(";");
        return steps;
    }

    private static int ReadDoubleQuoted(string script, int open, StringBuilder word)
    {
        for (var i = open + 1; i < script.Length; i++)
        {
            var c = script[i];
            if (c == '"') return i;
            if (c is '$' or '`')
                throw new FormatException($"orbsim: unsupported shell syntax '{c}' (no variables or command substitution)");
            if (c == '\\' && i + 1 < script.Length && script[i + 1] is '"' or '\\' or '$' or '`') c = script[++i];
            word.Append(c);
        }

        throw new FormatException("Syntax error: Unterminated quoted string");
    }
}
