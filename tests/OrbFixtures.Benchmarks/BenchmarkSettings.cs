namespace OrbFixtures.Benchmarks;

/// <summary>Command-line settings: <c>--quick</c> (fewer repetitions, a smoke check), <c>--only a,b</c> (run some
/// benchmarks), <c>--results FILE</c> (also write the figures as markdown) and <c>--trace</c> (print every orbctl
/// invocation of every measurement to stderr).</summary>
internal sealed record BenchmarkSettings(bool Quick, IReadOnlySet<string> Only, string? ResultsPath, bool Trace)
{
    public const string Usage = "usage: OrbFixtures.Benchmarks [--quick] [--only NAME[,NAME...]] [--results FILE] [--trace]";

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var quick = Environment.GetEnvironmentVariable("ORBFIXTURES_BENCH_QUICK") is "1" or "true";
        var only = new HashSet<string>(StringComparer.Ordinal);
        string? results = null;
        var trace = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--trace":
                    trace = true;
                    break;
                case "--only" when i + 1 < args.Count:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--results" when i + 1 < args.Count:
                    results = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete argument '{args[i]}'. {Usage}");
            }
        }
        return new BenchmarkSettings(quick, only, results, trace);
    }

    /// <summary>Whether the benchmark called <paramref name="name"/> runs.</summary>
    public bool Runs(string name) => Only.Count == 0 || Only.Contains(name);

    /// <summary><paramref name="full"/> repetitions in the real run, <paramref name="quick"/> in the smoke check.</summary>
    public int Repetitions(int full, int quick) => Quick ? quick : full;
}
