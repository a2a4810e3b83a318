namespace OrbFixtures.Benchmarks;

/// <summary>One benchmark: adds its measurements to the table and returns its headline figures.</summary>
internal interface IBenchmark
{
    /// <summary>The figure name, e.g. <c>hang-recovery</c> (also what <c>--only</c> takes).</summary>
    string Name { get; }

    Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, ResultTable table);
}
