using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Sdk;

namespace MachineSuite;

/// <summary>One Ubuntu machine, shared by the <c>db</c> collection.</summary>
public sealed class DbStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("db", "ubuntu:24.04")];
}

[CollectionDefinition(Name)]
public sealed class DbCollection : ICollectionFixture<DbStack>
{
    public const string Name = "db";
}

/// <summary>A machine shared by the whole assembly: <c>[assembly: AssemblyFixture(typeof(SharedStack))]</c>.</summary>
public sealed class SharedStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("shared", "alpine")];
}

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
