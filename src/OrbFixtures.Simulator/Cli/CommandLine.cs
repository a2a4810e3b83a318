namespace OrbFixtures.Simulator.Cli;

/// <summary>Cobra's <c>Find</c>: locates the subcommand in argv, skipping flags (and their values) before it.</summary>
internal static class CommandLine
{
    /// <summary>Real orbctl commands the simulator does not implement; they get a clear message, not "unknown command".</summary>
    public static readonly IReadOnlyList<string> NotSimulated =
        ["completion", "debug", "docker", "export", "import", "k8s", "login", "logout", "migrate", "report", "reset", "ssh", "update"];

    /// <summary>
    /// The command named by the first non-flag token and argv without that token, or a null command when argv names
    /// none (the root command handles it).
    /// </summary>
    public static (CommandSpec? Command, string? Token, List<string> Args) Find(IReadOnlyList<string> argv, IReadOnlyList<CommandSpec> commands)
    {
        for (var i = 0; i < argv.Count; i++)
        {
            var token = argv[i];
            if (token == "--") break;
            if (token.StartsWith('-'))
            {
                // The root knows only --help (a bool), so any other "--name" or "-x" without "=" takes the next token as its value.
                if (!token.Contains('=', StringComparison.Ordinal) && token is not ("--help" or "-h")
                    && (token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2))
                    i++;
                continue;
            }

            var command = commands.FirstOrDefault(c => c.Matches(token));
            var rest = argv.Take(i).Concat(argv.Skip(i + 1)).ToList();
            return (command, token, command is null ? argv.ToList() : rest);
        }

        return (null, null, argv.ToList());
    }

    /// <summary>Cobra's unknown-command message with its "Did you mean this?" suggestions.</summary>
    public static string UnknownCommand(string token, IEnumerable<string> commandNames)
    {
        var suggestions = commandNames
            .Where(n => Levenshtein(token.ToLowerInvariant(), n.ToLowerInvariant()) <= 2
                        || n.StartsWith(token, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var message = $"unknown command \"{token}\" for \"orbctl\"";
        if (suggestions.Count > 0)
            message += "\n\nDid you mean this?\n" + string.Concat(suggestions.Select(s => $"\t{s}\n"));
        return message;
    }

    private static int Levenshtein(string s, string t)
    {
        var previous = Enumerable.Range(0, t.Length + 1).ToArray();
        for (var i = 1; i <= s.Length; i++)
        {
            var current = new int[t.Length + 1];
            current[0] = i;
            for (var j = 1; j <= t.Length; j++)
            {
                var cost = s[i - 1] == t[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[t.Length];
    }
}
