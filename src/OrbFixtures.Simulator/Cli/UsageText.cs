using System.Text;

namespace OrbFixtures.Simulator.Cli;

/// <summary>Renders cobra's usage and help blocks for a command, byte for byte as cobra v1.9 lays them out.</summary>
internal static class UsageText
{
    /// <summary>Cobra's <c>UsageString()</c>; ends with one newline.</summary>
    public static string For(CommandSpec spec)
    {
        var sb = new StringBuilder();
        sb.Append("Usage:\n  ").Append(spec.UseLine);
        if (spec.Aliases.Count > 0)
            sb.Append("\n\nAliases:\n  ").Append(string.Join(", ", spec.Aliases.Prepend(spec.Name)));
        if (spec.Example.Length > 0)
            sb.Append("\n\nExamples:\n").Append(spec.Example);
        sb.Append("\n\nFlags:\n").Append(FlagUsages(spec.AllFlags).TrimEnd());
        return sb.Append('\n').ToString();
    }

    /// <summary>Cobra's help output: the long description, a blank line, then the usage block.</summary>
    public static string Help(CommandSpec spec) => spec.Long.TrimEnd() + "\n\n" + For(spec);

    /// <summary>
    /// pflag's <c>FlagUsages</c>: the usage texts start in one column, three spaces after the longest
    /// <c>-s, --name type</c> prefix.
    /// </summary>
    public static string FlagUsages(IEnumerable<FlagSpec> flags)
    {
        var rows = flags
            .Select(f => (Prefix: Prefix(f), f.Usage))
            .ToList();
        var width = rows.Max(r => r.Prefix.Length);
        var sb = new StringBuilder();
        foreach (var (prefix, usage) in rows)
            sb.Append(prefix).Append(' ', width - prefix.Length + 3).Append(usage).Append('\n');
        return sb.ToString();
    }

    private static string Prefix(FlagSpec flag)
    {
        var names = flag.Shorthand is { } s ? $"  -{s}, --{flag.Name}" : $"      --{flag.Name}";
        return flag.Kind switch
        {
            FlagKind.String => names + " string",
            FlagKind.Int => names + " int",
            _ => names,
        };
    }
}
