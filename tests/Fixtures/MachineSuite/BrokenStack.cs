using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace MachineSuite;

/// <summary>A machine that a scenario makes impossible to create (fault on names matching <c>*-broken</c>).</summary>
public sealed class BrokenStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("broken", "debian")];
}

[CollectionDefinition(Name)]
public sealed class BrokenCollection : ICollectionFixture<BrokenStack>
{
    public const string Name = "broken";
}
