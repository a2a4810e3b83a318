using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class RunTargetTests(BoxFixture box) : IClassFixture<BoxFixture>
{
    [Fact]
    public async Task Flags_after_the_command_belong_to_the_command()
    {
        var orb = box.Orb;

        (await orb.RunAsync("run", "-m", "box", "echo", "-m", "x", "--", "-u")).ShouldBe(0, "-m x -- -u\n");
    }

    [Fact]
    public async Task A_double_dash_before_the_command_is_rejected()
    {
        var orb = box.Orb;

        var outcome = await orb.RunAsync("run", "-m", "box", "--", "uname", "-a");

        outcome.ShouldBeUsageError("unknown flag --", ExpectedUsage.Run);
    }

    [Theory]
    [InlineData(new[] { "run", "-m" }, "missing value for flag -m")]
    [InlineData(new[] { "run", "-u", "root", "--workdir" }, "missing value for flag --workdir")]
    [InlineData(new[] { "run", "-x", "true" }, "unknown flag -x")]
    [InlineData(new[] { "exec", "--verbose", "true" }, "unknown flag --verbose")]
    public async Task Run_flag_errors_use_orbctls_own_parser_wording(string[] argv, string message)
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync(argv)).ShouldBeUsageError(message, ExpectedUsage.Run);
    }

    [Fact]
    public async Task A_missing_machine_fails_with_empty_stderr_as_over_ssh()
    {
        var orb = box.Orb;

        (await orb.RunAsync("run", "-m", "ghost", "true")).ShouldBe(1);
    }

    [Fact]
    public async Task Without_machines_run_prints_how_to_create_one()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("run", "uname");

        outcome.ShouldBe(1, stderr:
            "To use Docker:\n    docker run ...\nSee \"orb docker\" for more info.\n\n" +
            "To create a Linux machine:\n    orb create ubuntu\nSee \"orb create --help\" for supported distros and options.\n");
    }

    [Fact]
    public async Task A_stopped_machine_is_started_first()
    {
        using var orb = new SimulatedOrbStack();
        await orb.CreateAsync("box", "ubuntu", "-u", "alice");
        await orb.RunAsync("stop", "box");

        (await orb.RunAsync("shell", "-m", "box", "true")).ShouldBe(0);

        Assert.Equal("running", await orb.StateAsync("box"));
    }

    [Fact]
    public async Task The_builtin_machine_cannot_be_entered()
    {
        using var orb = new SimulatedOrbStack();

        (await orb.RunAsync("run", "-m", "docker", "true")).ShouldFailWith("cannot enter builtin machine: docker");
    }

    [Fact]
    public async Task Scripted_responses_answer_before_the_built_ins_for_matching_machines()
    {
        using var orb = new SimulatedOrbStack("""
            {
              "durations": { "create": 0, "provisioning": 0 },
              "run": [ { "machine": "web-*", "command": ["uname", "-a"], "stdout": "scripted\n", "stderr": "warn\n", "exitCode": 9 } ]
            }
            """);
        await orb.CreateAsync("web-1");
        await orb.CreateAsync("db-1");

        (await orb.RunAsync("run", "-m", "web-1", "uname", "-a")).ShouldBe(9, "scripted\n", "warn\n");
        Assert.StartsWith("Linux db-1 ", (await orb.RunAsync("run", "-m", "db-1", "uname", "-a")).StandardOutput);
        (await orb.RunAsync("run", "-m", "web-1", "uname")).ShouldBe(0, "Linux\n");
    }
}
