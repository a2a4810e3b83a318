namespace OrbFixtures.Benchmarks;

/// <summary>The options every benchmark world starts from (<see cref="TestSupport.SimulatedWorld.Tuning"/>): the
/// product's defaults, so the figures are what a user gets, with machine names that say where they came from.</summary>
internal static class BenchmarkTuning
{
    public static OrbFixturesOptions Options { get; } = new() { NamePrefix = "bench" };
}
