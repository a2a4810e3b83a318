using System.Text;

namespace OrbFixtures.Benchmarks;

/// <summary>RESULTS.md: the figures of one run, for the README's performance section.</summary>
internal static class ResultsDocument
{
    public static string Render(ResultTable table, string run, string command, IReadOnlyList<string> figureLines)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# OrbFixtures benchmark results").AppendLine();
        sb.AppendLine("Measured against the orbctl simulator (src/OrbFixtures.Simulator), not OrbStack: the figures compare");
        sb.AppendLine("OrbFixtures with the best alternative on the same machine, as ratios, because absolute times depend on the host.");
        sb.AppendLine().AppendLine("Reproduce with:").AppendLine().AppendLine("```sh").AppendLine(command).AppendLine("```").AppendLine();
        sb.AppendLine(run).AppendLine();
        sb.Append(table.ToMarkdown()).AppendLine();
        sb.AppendLine("```");
        foreach (var line in figureLines) sb.AppendLine(line);
        sb.AppendLine("```");
        return sb.ToString();
    }
}
