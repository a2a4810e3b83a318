using OrbFixtures.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace MachineSuite;

[Collection(BrokenCollection.Name)]
public sealed class BrokenTests(BrokenStack stack, ITestOutputHelper output) : MachineTest<BrokenStack>(stack, output)
{
    [MachineFact]
    public async Task Uses_the_broken_machine() => Assert.Equal(0, (await this["broken"].RunAsync("true")).ExitCode);
}
