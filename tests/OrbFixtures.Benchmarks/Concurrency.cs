namespace OrbFixtures.Benchmarks;

/// <summary>How many of a set of time intervals (processes, attempts) overlapped at most.</summary>
internal static class Concurrency
{
    public static int Peak(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        // An end sorts before a start at the same instant: back-to-back intervals do not overlap.
        var edges = intervals.SelectMany(i => new[] { (At: i.Start, Delta: 1), (At: i.End, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int current = 0, peak = 0;
        foreach (var (_, delta) in edges) peak = Math.Max(peak, current += delta);
        return peak;
    }
}
