using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class DaemonStatusTests
{
    [Theory]
    [InlineData("Running", 0)]
    [InlineData("Starting", 2)]
    [InlineData("Stopped", 1)]
    public async Task Status_prints_the_state_with_its_exit_code(string status, int exitCode)
    {
        using var orb = new SimulatedOrbStack($$$"""{"daemon":{"status":"{{{status}}}"}}""");

        (await orb.RunAsync("status")).ShouldBe(exitCode, status + "\n");
        (await orb.RunAsync("status")).ShouldBe(exitCode, status + "\n");
    }

    [Fact]
    public async Task A_stopped_OrbStack_is_started_by_machine_commands()
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Stopped"},"durations":{"daemonStart":50,"create":0,"provisioning":0}}""");

        (await orb.RunAsync("list")).ShouldBe(0);

        (await orb.RunAsync("status")).ShouldBe(0, "Running\n");
    }

    [Fact]
    public async Task Create_on_a_stopped_OrbStack_starts_it_and_proceeds()
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Stopped"},"durations":{"daemonStart":0,"create":0,"provisioning":0}}""");

        (await orb.RunAsync("create", "ubuntu", "box")).ShouldBe(0);

        Assert.Equal("running", await orb.StateAsync("box"));
    }

    [Theory]
    [InlineData("stop", "box")]
    [InlineData("restart", "box")]
    [InlineData("restart")]
    [InlineData("stop")]
    public async Task Stop_and_restart_on_a_stopped_OrbStack_just_say_so(params string[] argv)
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Stopped"}}""");

        (await orb.RunAsync(argv)).ShouldBe(0, stderr: "OrbStack is not running\n");
        (await orb.RunAsync("status")).ShouldBe(1, "Stopped\n");
    }

    [Fact]
    public async Task Start_without_a_machine_starts_a_stopped_OrbStack()
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Stopped"},"durations":{"daemonStart":50}}""");

        (await orb.RunAsync("start")).ShouldBe(0);

        (await orb.RunAsync("status")).ShouldBe(0, "Running\n");
    }

    [Theory]
    [InlineData("list")]
    [InlineData("info", "box")]
    [InlineData("create", "ubuntu", "box")]
    [InlineData("run", "-m", "box", "true")]
    [InlineData("stop", "box")]
    public async Task While_OrbStack_is_starting_machine_commands_time_out_at_once(params string[] argv)
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Starting"}}""");

        (await orb.RunAsync(argv)).ShouldFailWith("timed out waiting for services to start");
        (await orb.RunAsync("status")).ShouldBe(2, "Starting\n");
    }

    [Fact]
    public async Task The_status_switches_after_the_configured_number_of_calls()
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Starting","then":"Running","afterCalls":2}}""");

        (await orb.RunAsync("status")).ShouldBe(2, "Starting\n");
        (await orb.RunAsync("list")).ShouldFailWith("timed out waiting for services to start");
        (await orb.RunAsync("status")).ShouldBe(0, "Running\n");
        (await orb.RunAsync("list")).ShouldBe(0);
    }

    [Fact]
    public async Task A_new_daemon_block_in_the_scenario_resets_the_status()
    {
        using var orb = new SimulatedOrbStack("""{"daemon":{"status":"Stopped"}}""");
        (await orb.RunAsync("status")).ShouldBe(1, "Stopped\n");

        orb.Sandbox.WriteScenario("""{"daemon":{"status":"Starting"}}""");

        (await orb.RunAsync("status")).ShouldBe(2, "Starting\n");
    }
}
