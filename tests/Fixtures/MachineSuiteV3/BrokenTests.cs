using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

/// <summary>Two tests of a collection whose fixture cannot provision its machine: both fail with its history.</summary>
[Collection(BrokenCollection.Name)]
public sealed class BrokenTests(BrokenStack stack, ITestOutputHelper output) : MachineTest<BrokenStack>(stack, output)
{
    [MachineFact] public void First_needs_the_broken_machine() => Assert.NotNull(this["broken"]);

    [MachineFact] public void Second_needs_the_broken_machine() => Assert.NotNull(this["broken"]);
}
