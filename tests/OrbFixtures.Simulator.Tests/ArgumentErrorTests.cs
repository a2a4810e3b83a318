using OrbFixtures.Simulator.Tests.Infrastructure;

namespace OrbFixtures.Simulator.Tests;

public sealed class ArgumentErrorTests(BoxFixture box) : IClassFixture<BoxFixture>
{
    [Fact]
    public async Task An_unknown_command_is_named_and_points_to_the_help()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("frobnicate", "x");

        outcome.ShouldBe(1, stderr: "Error: unknown command \"frobnicate\" for \"orbctl\"\nRun 'orbctl --help' for usage.\n");
    }

    [Fact]
    public async Task A_mistyped_command_gets_cobra_suggestions()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("creat", "ubuntu");

        outcome.ShouldBe(1, stderr: "Error: unknown command \"creat\" for \"orbctl\"\n\nDid you mean this?\n\tcreate\n\nRun 'orbctl --help' for usage.\n");
    }

    public static TheoryData<string[], string, string> WrongArgumentCounts => new()
    {
        { ["info"], "accepts 1 arg(s), received 0", ExpectedUsage.Info },
        { ["info", "a", "b"], "accepts 1 arg(s), received 2", ExpectedUsage.Info },
        { ["create"], "accepts between 1 and 2 arg(s), received 0", ExpectedUsage.Create },
        { ["create", "ubuntu", "a", "b"], "accepts between 1 and 2 arg(s), received 3", ExpectedUsage.Create },
        { ["clone", "a"], "accepts 2 arg(s), received 1", ExpectedUsage.Clone },
        { ["rename", "a", "b", "c"], "accepts 2 arg(s), received 3", ExpectedUsage.Rename },
        { ["default", "a", "b"], "accepts at most 1 arg(s), received 2", ExpectedUsage.Default },
        { ["push"], "requires at least 1 arg(s), only received 0", ExpectedUsage.Push },
        { ["logs"], "accepts 1 arg(s), received 0", ExpectedUsage.Logs },
        { ["list", "extra"], "unknown command \"extra\" for \"orbctl list\"", ExpectedUsage.List },
        { ["delete"], "no machines specified", ExpectedUsage.Delete },
        { ["delete", "-f"], "no machines specified", ExpectedUsage.Delete },
        { ["restart"], "no machines specified", ExpectedUsage.Restart },
    };

    [Theory]
    [MemberData(nameof(WrongArgumentCounts))]
    public async Task Missing_or_extra_arguments_give_the_cobra_error_and_usage(string[] argv, string message, string usage)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(argv);

        outcome.ShouldBeUsageError(message, usage);
    }

    public static TheoryData<string[], string, string> BadFlags => new()
    {
        { ["list", "--foo"], "unknown flag: --foo", ExpectedUsage.List },
        { ["list", "-x"], "unknown shorthand flag: 'x' in -x", ExpectedUsage.List },
        { ["list", "-qz"], "unknown shorthand flag: 'z' in -z", ExpectedUsage.List },
        { ["create", "ubuntu", "-a"], "flag needs an argument: 'a' in -a", ExpectedUsage.Create },
        { ["create", "ubuntu", "--arch"], "flag needs an argument: --arch", ExpectedUsage.Create },
        { ["info", "x", "--format"], "flag needs an argument: --format", ExpectedUsage.Info },
        {
            ["create", "-p=maybe", "ubuntu"],
            "invalid argument \"maybe\" for \"-p, --set-password\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
            ExpectedUsage.Create
        },
        {
            ["stop", "--all=nope"],
            "invalid argument \"nope\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"nope\": invalid syntax",
            ExpectedUsage.Stop
        },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task Bad_flags_give_the_pflag_error_and_usage(string[] argv, string message, string usage)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(argv);

        outcome.ShouldBeUsageError(message, usage);
    }

    [Theory]
    [InlineData("info", "box", "-f", "json")]
    [InlineData("info", "box", "--format", "json")]
    [InlineData("info", "box", "--format=json")]
    [InlineData("info", "box", "-f=json")]
    [InlineData("info", "box", "-fjson")]
    [InlineData("info", "-f", "json", "box")]
    [InlineData("-f", "json", "info", "box")]
    [InlineData("i", "box", "-f", "json")]
    public async Task Flags_work_in_every_form_cobra_accepts(params string[] argv)
    {
        var outcome = await box.Orb.RunAsync(argv);

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("{\n  \"record\": {\n", outcome.StandardOutput);
    }

    [Fact]
    public async Task Grouped_bool_shorthands_and_long_bools_are_accepted()
    {
        var grouped = await box.Orb.RunAsync("list", "-qr");
        var longForm = await box.Orb.RunAsync("list", "--quiet", "--running=true");

        grouped.ShouldBe(0, "box\n");
        longForm.ShouldBe(0, "box\n");
    }

    [Fact]
    public async Task A_double_dash_ends_the_flags_of_a_cobra_command()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("info", "--", "-f");

        outcome.ShouldFailWith("[-32098] machine not found: '-f'");
    }

    [Theory]
    [InlineData("create", "--help")]
    [InlineData("add", "-h")]
    [InlineData("help", "create")]
    public async Task Help_for_a_command_goes_to_stdout_with_its_usage(params string[] argv)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(argv);

        Assert.Equal("", outcome.StandardError);
        Assert.StartsWith("Create a new machine with the specified distribution.\n\n", outcome.StandardOutput);
        Assert.EndsWith("\n\n" + ExpectedUsage.Create, outcome.StandardOutput);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("help")]
    public async Task The_root_help_lists_the_commands(params string[] argv)
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync(argv);

        Assert.StartsWith("Use and manage OrbStack and its machines.\n", outcome.StandardOutput);
        Assert.Contains("\nUsage:\n  orbctl [command]\n\nLinux machines:\n  clone       Clone a machine\n  create      Create a new machine\n", outcome.StandardOutput);
        Assert.EndsWith("\n\nUse \"orbctl [command] --help\" for more information about a command.\n", outcome.StandardOutput);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task A_real_command_the_simulator_lacks_says_so()
    {
        using var orb = new SimulatedOrbStack();

        var outcome = await orb.RunAsync("ssh");

        Assert.StartsWith("orbsim: 'orbctl ssh' is not simulated (simulated: clone, config, create, ", outcome.StandardError);
        Assert.Equal(1, outcome.ExitCode);
    }

    [Fact]
    public async Task Invalid_distro_and_arch_are_argument_errors_with_usage()
    {
        using var orb = new SimulatedOrbStack();

        var distro = await orb.RunAsync("create", "windows:11", "win");
        var arch = await orb.RunAsync("create", "-a", "sparc", "ubuntu");

        distro.ShouldBeUsageError("invalid distro: windows", ExpectedUsage.Create);
        arch.ShouldBeUsageError("invalid architecture: sparc", ExpectedUsage.Create);
    }
}
