using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>The collection that shares one <see cref="ResilientPair"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ResilientPairCollection : ICollectionFixture<ResilientPair>
{
    public const string Name = "resilient pair";
}
