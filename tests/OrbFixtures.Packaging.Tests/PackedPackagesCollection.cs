namespace OrbFixtures.Packaging.Tests;

/// <summary>The tests that share one <see cref="PackedPackages"/> feed (packing takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
