using System.Text;

namespace OrbFixtures.Simulator.Output;

/// <summary>
/// Go's <c>text/tabwriter</c> with minwidth 0, padding 2 and space padding, as <c>orbctl list</c> uses it: every
/// tab-terminated cell is padded to its column's widest cell plus two; the text after the last tab is not aligned.
/// </summary>
internal static class TabTable
{
    public static string Format(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0) return "";
        var columns = rows[0].Count - 1;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length) + 2).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < columns; c++) sb.Append(row[c].PadRight(widths[c]));
            sb.Append(row[columns]).Append('\n');
        }

        return sb.ToString();
    }
}
