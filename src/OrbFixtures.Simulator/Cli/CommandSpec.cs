namespace OrbFixtures.Simulator.Cli;

/// <summary>
/// What cobra knows about one subcommand: the texts of its help and usage blocks, its flags and its
/// positional-argument rule. Values are those of orbctl ≈v2.0.
/// </summary>
internal sealed record CommandSpec
{
    public required string Name { get; init; }

    /// <summary>The cobra <c>Use</c> line without the leading command name, e.g. <c>[flags] DISTRO[:VERSION]</c>.</summary>
    public required string Use { get; init; }

    public required string Short { get; init; }

    public required string Long { get; init; }

    public required string Example { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The command's own flags; cobra's <c>-h, --help</c> is added by <see cref="AllFlags"/>.</summary>
    public IReadOnlyList<FlagSpec> Flags { get; init; } = [];

    public ArgsRule Args { get; init; } = ArgsRule.Arbitrary;

    /// <summary>The root help groups commands under headings such as <c>Linux machines:</c>.</summary>
    public string Group { get; init; } = "Linux machines:";

    /// <summary>Every flag pflag knows for this command, sorted by name as pflag prints them.</summary>
    public IReadOnlyList<FlagSpec> AllFlags =>
        Flags.Append(FlagSpec.Bool("help", 'h', $"help for {Name.Split(' ')[^1]}"))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    public bool Matches(string token) => token == Name || Aliases.Contains(token);

    /// <summary>Cobra's use line: <c>orbctl</c> + Use, with <c>[flags]</c> appended when Use lacks it.</summary>
    public string UseLine
    {
        get
        {
            var line = $"orbctl {Name}{(Use.Length > 0 ? " " + Use : "")}";
            return line.Contains("[flags]", StringComparison.Ordinal) ? line : line + " [flags]";
        }
    }
}
