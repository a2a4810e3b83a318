using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

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
