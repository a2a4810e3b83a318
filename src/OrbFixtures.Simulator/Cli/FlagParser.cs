using System.Globalization;

namespace OrbFixtures.Simulator.Cli;

/// <summary>
/// Parses argv the way pflag does for a cobra command: interspersed flags, <c>--name value</c>,
/// <c>--name=value</c>, <c>-n value</c>, <c>-nvalue</c>, <c>-n=value</c>, grouped bool shorthands (<c>-qr</c>)
/// and <c>--</c> ending the flags. Errors carry pflag's wording.
/// </summary>
internal static class FlagParser
{
    public static ParsedArgs Parse(CommandSpec spec, IReadOnlyList<string> argv)
    {
        var flags = spec.AllFlags;
        var parsed = new ParsedArgs();
        for (var i = 0; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg == "--")
            {
                parsed.Positionals.AddRange(argv.Skip(i + 1));
                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
                i = ParseLong(spec, flags, argv, i, parsed);
            else if (arg.StartsWith('-') && arg.Length > 1)
                i = ParseShorthands(spec, flags, argv, i, parsed);
            else
                parsed.Positionals.Add(arg);
        }

        return parsed;
    }

    private static int ParseLong(CommandSpec spec, IReadOnlyList<FlagSpec> flags, IReadOnlyList<string> argv, int i, ParsedArgs parsed)
    {
        var body = argv[i][2..];
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        var name = eq >= 0 ? body[..eq] : body;
        var flag = flags.FirstOrDefault(f => f.Name == name)
            ?? throw new UsageException($"unknown flag: --{name}", spec);
        string value;
        if (eq >= 0) value = body[(eq + 1)..];
        else if (flag.Kind == FlagKind.Bool) value = "true";
        else if (i + 1 < argv.Count) value = argv[++i];
        else throw new UsageException($"flag needs an argument: {argv[i]}", spec);
        Set(spec, flag, value, parsed);
        return i;
    }

    private static int ParseShorthands(CommandSpec spec, IReadOnlyList<FlagSpec> flags, IReadOnlyList<string> argv, int i, ParsedArgs parsed)
    {
        var shorthands = argv[i][1..];
        while (shorthands.Length > 0)
        {
            var c = shorthands[0];
            var flag = flags.FirstOrDefault(f => f.Shorthand == c)
                ?? throw new UsageException($"unknown shorthand flag: '{c}' in -{shorthands}", spec);
            string value;
            if (shorthands.Length > 2 && shorthands[1] == '=')
            {
                value = shorthands[2..];
                shorthands = "";
            }
            else if (flag.Kind == FlagKind.Bool)
            {
                value = "true";
                shorthands = shorthands[1..];
            }
            else if (shorthands.Length > 1)
            {
                value = shorthands[1..];
                shorthands = "";
            }
            else if (i + 1 < argv.Count)
            {
                value = argv[++i];
                shorthands = "";
            }
            else
            {
                throw new UsageException($"flag needs an argument: '{c}' in -{shorthands}", spec);
            }

            Set(spec, flag, value, parsed);
        }

        return i;
    }

    private static void Set(CommandSpec spec, FlagSpec flag, string value, ParsedArgs parsed)
    {
        if (flag.Kind == FlagKind.Bool)
        {
            // Go's strconv.ParseBool, which pflag uses for bool flags.
            value = GoStrconv.ParseBool(value) switch
            {
                true => "true",
                false => "false",
                null => throw new UsageException(
                    $"invalid argument \"{value}\" for \"{flag.DisplayName}\" flag: {GoStrconv.BoolError(value)}", spec),
            };
        }

        // pflag's int flags parse with strconv.ParseInt(s, 0, 64); decimal is all orbctl's users pass.
        if (flag.Kind == FlagKind.Int && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new UsageException(
                $"invalid argument \"{value}\" for \"{flag.DisplayName}\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax", spec);
        }

        parsed.Set(flag.Name, value);
    }
}
