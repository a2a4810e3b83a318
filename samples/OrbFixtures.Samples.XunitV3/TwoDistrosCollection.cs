using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>Every test class marked <c>[Collection(TwoDistrosCollection.Name)]</c> shares one <see cref="TwoDistros"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TwoDistrosCollection : ICollectionFixture<TwoDistros>
{
    public const string Name = "two distros";
}
