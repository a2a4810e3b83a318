using Xunit;

namespace OrbFixtures.Reliability.Suite;

/// <summary>
/// Every reliability test class belongs to this one collection, so they share one <see cref="ReliabilityTally"/> and
/// the summary line is printed once, when the collection ends. Classes therefore run one after another; each test
/// runs its own scenarios in parallel where that is safe.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilitySuite : ICollectionFixture<ReliabilityTally>
{
    /// <summary>The collection's name, for <c>[Collection(ReliabilitySuite.Name)]</c>.</summary>
    public const string Name = "Reliability";
}
