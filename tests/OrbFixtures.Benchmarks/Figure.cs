namespace OrbFixtures.Benchmarks;

/// <summary>One headline figure of the run, printed as <c>NAME: value (target: T) PASS|MISS</c>.</summary>
internal sealed record Figure(string Name, string Value, string Target, bool Pass)
{
    public override string ToString() => $"{Name}: {Value} (target: {Target}) {(Pass ? "PASS" : "MISS")}";
}
