using OrbFixtures;
using OrbFixtures.Xunit;
using Xunit;
using Xunit.Sdk;

namespace CancelSuite;

/// <summary>A machine whose <c>orbctl create</c> the scenario makes hang (and never become ready): the run is cancelled
/// while the fixture waits for it.</summary>
public sealed class StuckStack(IMessageSink sink) : MachineFixture(sink)
{
    protected override IEnumerable<MachineSpec> Machines => [MachineSpec.Create("stuck", "alpine")];
}

[CollectionDefinition(Name)]
public sealed class StuckCollection : ICollectionFixture<StuckStack>
{
    public const string Name = "stuck";
}

[Collection(StuckCollection.Name)]
public sealed class StuckTests(StuckStack stack, ITestOutputHelper output) : MachineTest<StuckStack>(stack, output)
{
    [MachineFact]
    public void Needs_the_stuck_machine() => Assert.NotNull(this["stuck"]);
}
