using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

/// <summary>The simulator's own name rule ends at the end of the text, as orbctl's (Go's <c>$</c> is the end of the
/// text): a trailing newline makes a name invalid for every command that names a new machine.</summary>
public sealed class MachineNameTests
{
    [Theory]
    [InlineData("box\n")]
    [InlineData("box\r\n")]
    public async Task Create_refuses_a_name_with_a_trailing_newline(string name)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("create", "ubuntu", name);

        outcome.ShouldFailWith($"[-32098] create '{name}': invalid machine name '{name}'");
        Assert.Null(await orb.StateAsync("box"));
    }

    [Fact]
    public async Task Rename_and_clone_refuse_a_new_name_with_a_trailing_newline()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box");

        (await orb.RunAsync("rename", "box", "other\n")).ShouldFailWith("[-32098] invalid machine name 'other\n'");
        (await orb.RunAsync("clone", "box", "copy\n")).ShouldFailWith("[-32098] invalid machine name 'copy\n'");
        Assert.NotNull(await orb.StateAsync("box"));
    }
}
