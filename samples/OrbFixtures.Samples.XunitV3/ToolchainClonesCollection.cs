using Xunit;

namespace OrbFixtures.Samples.XunitV3;

/// <summary>The collection that shares one <see cref="ToolchainClones"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ToolchainClonesCollection : ICollectionFixture<ToolchainClones>
{
    public const string Name = "toolchain clones";
}
