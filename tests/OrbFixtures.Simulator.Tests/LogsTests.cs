using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class LogsTests
{
    private const string ConsoleLog =
        "[    0.000000] Linux version 6.15.11-orbstack-00539-g9885ebd8e3f4\n" +
        "[    0.418206] Run /sbin/init as init process\n" +
        "Welcome to Ubuntu 24.04 LTS!\n" +
        "box login:\n";

    [Theory]
    [InlineData("logs")]
    [InlineData("log")]
    [InlineData("console")]
    public async Task Logs_print_the_console_log(string command)
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu:24.04");

        (await orb.RunAsync(command, "box")).ShouldBe(0, ConsoleLog);
    }

    [Fact]
    public async Task All_logs_add_a_runtime_section()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu:24.04");
        var id = (await orb.RecordAsync("box"))!.Value.GetProperty("id").GetString();

        var outcome = await orb.RunAsync("logs", "-a", "box");

        outcome.ShouldBe(0, $"Runtime:\ncontainer box ({id}) started\n\n\n\nConsole:\n" + ConsoleLog);
    }

    [Fact]
    public async Task A_machine_without_logs_yet_is_reported_on_stdout_with_exit_0()
    {
        using var orb = new SimulatedOrbStack("""{"durations":{"create":30000}}""");
        orb.Launch("create", "ubuntu", "fresh");
        await orb.WaitForStateAsync("fresh", "creating");

        (await orb.RunAsync("logs", "fresh")).ShouldBe(0, "[-32098] machine 'fresh' has no logs of type console\n");
    }

    [Fact]
    public async Task Logs_of_a_missing_machine_are_a_daemon_error()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("logs", "ghost")).ShouldFailWith("[-32098] machine not found: 'ghost'");
    }
}
