using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Sdk;

namespace MachineSuite;

/// <summary>A machine shared by the whole assembly: <c>[assembly: AssemblyFixture(typeof(SharedStack))]</c>.</summary>
public sealed class SharedStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("shared", "alpine")];
}

/// <summary>A machine that a test deletes behind the suite's back (the per-test health check's scenario).</summary>
public sealed class FragileStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("fragile", "debian")];
}

[CollectionDefinition(Name)]
public sealed class FragileCollection : ICollectionFixture<FragileStack>
{
    public const string Name = "fragile";
}
