using OrbFixtures.Xunit;
using Xunit;

namespace MachineSuite;

/// <summary>
/// <c>[MachineFact(Fresh = true)]</c> on v3: the first test damages its clone; after it the fixture holds a fresh clone
/// of the template, so the second test sees another machine (another ID) without the damage. Each test logs the ID it
/// saw to MACHINESUITE_LOG.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class FreshTests(TemplateStack stack, ITestOutputHelper output) : MachineTest<TemplateStack>(stack, output)
{
    /// <summary>What the first test leaves behind in its machine.</summary>
    private const string Damage = "/root/damage";

    [MachineFact(Order = 1, Fresh = true)]
    public async Task First_damages_its_clone()
    {
        var clone = this["clone"];
        SuiteLog.Write($"{nameof(First_damages_its_clone)} {clone.Id}");
        Assert.Equal(0, (await clone.RunAsync(["mkdir", "-p", Damage], options: null, TestContext.Current.CancellationToken)).ExitCode);
    }

    [MachineFact(Order = 2)]
    public async Task Second_finds_a_fresh_clone()
    {
        var clone = this["clone"];
        SuiteLog.Write($"{nameof(Second_finds_a_fresh_clone)} {clone.Id}");
        Assert.Equal(1, (await clone.RunAsync(["test", "-e", Damage], options: null, TestContext.Current.CancellationToken)).ExitCode);
    }
}
