using System.Text;

namespace OrbFixtures.Benchmarks;

/// <summary>Every measurement of the run (one row each), rendered as a markdown table.</summary>
internal sealed class ResultTable
{
    private readonly List<(string Benchmark, string Measure, string Value, string Notes)> _rows = [];

    public void Add(string benchmark, string measure, string value, string notes = "") =>
        _rows.Add((benchmark, measure, value, notes));

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Benchmark | Measure | Value | Notes |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var (benchmark, measure, value, notes) in _rows)
            sb.AppendLine($"| {Cell(benchmark)} | {Cell(measure)} | {Cell(value)} | {Cell(notes)} |");
        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
