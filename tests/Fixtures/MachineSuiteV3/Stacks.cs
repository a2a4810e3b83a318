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

/// <summary>A machine cloned from a template, which a <c>[MachineFact(Fresh = true)]</c> test damages.</summary>
public sealed class TemplateStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.FromTemplate(MachineTemplate.Create("base", "alpine"), "clone")];
}

[CollectionDefinition(Name)]
public sealed class FreshCollection : ICollectionFixture<TemplateStack>
{
    public const string Name = "fresh";
}
