using Xunit;

namespace OrbFixtures.Samples;

/// <summary>The collection that shares one <see cref="WebMachine"/>.</summary>
[CollectionDefinition(Name)]
public sealed class WebMachineCollection : ICollectionFixture<WebMachine>
{
    public const string Name = "web machine";
}
