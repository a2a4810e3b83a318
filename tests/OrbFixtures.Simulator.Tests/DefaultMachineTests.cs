using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class DefaultMachineTests
{
    [Fact]
    public async Task With_no_machines_there_is_no_default()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("default")).ShouldFailWith("[-32098] no machines found");
    }

    [Fact]
    public async Task I_can_set_and_read_the_default_machine()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");

        (await orb.RunAsync("set-default", "two")).ShouldBe(0);

        (await orb.RunAsync("default")).ShouldBe(0, "two\n");
        (await orb.RunAsync("get-default")).ShouldBe(0, "two\n");
        (await orb.RunAsync("run", "hostname")).ShouldBe(0, "two\n");
    }

    [Fact]
    public async Task Clearing_or_deleting_the_default_leaves_none_set()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");
        await orb.CreateAsync("two");

        (await orb.RunAsync("default", "none")).ShouldBe(0);
        (await orb.RunAsync("default")).ShouldBe(0, stderr: "No default machine set. (will pick most recently-used machine)\n");

        await orb.RunAsync("default", "one");
        await orb.RunAsync("delete", "-f", "one");
        (await orb.RunAsync("default")).ShouldBe(0, stderr: "No default machine set. (will pick most recently-used machine)\n");
    }

    [Fact]
    public async Task Setting_a_missing_machine_as_default_is_a_daemon_error()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("one");

        (await orb.RunAsync("default", "ghost")).ShouldFailWith("[-32098] machine not found: 'ghost'");
        (await orb.RunAsync("default")).ShouldBe(0, "one\n");
    }

    [Fact]
    public async Task Without_a_default_run_uses_the_most_recently_created_machine()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("older");
        await orb.CreateAsync("newer");
        await orb.RunAsync("default", "none");

        (await orb.RunAsync("run", "hostname")).ShouldBe(0, "newer\n");
    }
}
