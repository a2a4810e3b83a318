using OrbFixtures.Simulator.Cli;

namespace OrbFixtures.Simulator.Commands;

/// <summary>
/// orbctl's own parser for <c>run</c> (cobra flag parsing is off for it): flags only before the command,
/// <c>-m x</c>, <c>-m=x</c>, <c>--machine x</c> and <c>-machine x</c> all work, the first non-flag token starts
/// the command, and <c>--</c> is an unknown flag (OrbStack issue #2122).
/// </summary>
internal static class RunFlagParser
{
    private static readonly IReadOnlyDictionary<string, string> s_valueFlags = Aliases("machine", "user", "workdir");
    private static readonly IReadOnlyDictionary<string, string> s_boolFlags = Aliases("shell", "path", "help");

    public static ParsedArgs Parse(CommandSpec spec, IReadOnlyList<string> argv)
    {
        var parsed = new ParsedArgs();
        var i = 0;
        for (; i < argv.Count && argv[i].StartsWith('-'); i++)
        {
            var arg = argv[i];
            if (s_boolFlags.TryGetValue(arg, out var boolFlag))
            {
                parsed.Set(boolFlag, "true");
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                // Like orbctl, an unknown "-x=value" pair is silently ignored.
                var key = arg[..eq];
                var value = arg[(eq + 1)..];
                if (s_valueFlags.TryGetValue(key, out var name)) parsed.Set(name, value);
                else if (s_boolFlags.TryGetValue(key, out var flag) && flag != "help") parsed.Set(flag, value == "true" ? "true" : "false");
                continue;
            }

            if (!s_valueFlags.TryGetValue(arg, out var valueFlag)) throw new UsageException($"unknown flag {arg}", spec);
            if (i + 1 == argv.Count) throw new UsageException($"missing value for flag {arg}", spec);
            parsed.Set(valueFlag, argv[++i]);
        }

        parsed.Positionals.AddRange(argv.Skip(i));
        return parsed;
    }

    /// <summary>Maps <c>-m</c>, <c>--machine</c> and <c>-machine</c> to <c>machine</c>, and so on.</summary>
    private static Dictionary<string, string> Aliases(params string[] names) =>
        names.SelectMany(n => new[] { (Flag: "-" + n[0], Name: n), (Flag: "--" + n, Name: n), (Flag: "-" + n, Name: n) })
            .ToDictionary(p => p.Flag, p => p.Name);
}
