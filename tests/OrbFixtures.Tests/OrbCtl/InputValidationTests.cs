using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
using OrbFixtures.Validation;
using Xunit;

namespace OrbFixtures.Tests.OrbCtl;

/// <summary>Bad input is rejected before any process starts, with a message naming the value and the rule.</summary>
public sealed class InputValidationTests
{
    private readonly ObservedClock _clock = new();
    private readonly FakeOrbCtlProcessRunner _runner;
    private readonly OrbCtlClient _client;

    public InputValidationTests()
    {
        _runner = new FakeOrbCtlProcessRunner(_clock).ThenSucceed();
        _client = TestClients.Create(_runner, _clock);
    }

    private async Task<ArgumentException> Rejected(Func<OrbCtlClient, Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(_client));
        Assert.Empty(_runner.Invocations);
        return error;
    }

    // Each rejection is checked against the rule that must have fired, as the validation layer states it
    // (MachineNames, ArgvRules, OptionRanges); how a whole message reads is tested once, below.
    private async Task RejectedFor(string rule, Func<OrbCtlClient, Task> call) =>
        Assert.Contains(rule, (await Rejected(call)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("of_db")]
    [InlineData("of db")]
    [InlineData("-of-db")]
    [InlineData(".of-db")]
    [InlineData("docker")]
    [InlineData("default")]
    public async Task An_invalid_machine_name_is_rejected_for_every_operation(string name)
    {
        var rule = MachineNames.Problem(name);
        Assert.NotNull(rule);
        foreach (var call in new Func<OrbCtlClient, Task>[]
        {
            c => c.GetInfoAsync(name), c => c.StartAsync(name), c => c.StopAsync(name), c => c.RestartAsync(name),
            c => c.DeleteAsync(name), c => c.GetLogsAsync(name), c => c.CloneAsync("of-src", name), c => c.CloneAsync(name, "of-dst"),
            c => c.CreateAsync(new CreateMachineRequest(name, "ubuntu")), c => c.RunAsync(new RunCommandRequest(name, ["true"])),
            c => c.PushAsync(name, "/tmp/x"), c => c.PullAsync(name, "x"),
        })
            await RejectedFor(rule, call);
    }

    [Fact]
    public async Task An_invalid_machine_name_message_reads_with_the_value_and_the_rule()
    {
        var error = await Rejected(c => c.StopAsync("of_db"));

        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("machine name 'of_db' is invalid: it must be at least 2 characters, start with a letter or digit, " +
            "and contain only letters, digits, '-' and '.' (no '_' or spaces).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_longer_than_a_hostname_is_rejected()
    {
        var name = new string('a', MachineNames.MaxLength + 1);
        await RejectedFor(MachineNames.Problem(name)!, c => c.StopAsync(name));
    }

    [Fact]
    public async Task Stop_without_a_name_is_refused_because_it_would_stop_all_of_orbstack()
    {
        await Rejected(c => c.StopAsync(null!));
        await Rejected(c => c.StopAsync(""));
    }

    [Fact]
    public async Task An_empty_run_command_is_rejected()
    {
        await RejectedFor(ArgvRules.CommandProblem([])!, c => c.RunAsync(new RunCommandRequest("of-a", [])));
        await RejectedFor(ArgvRules.CommandProblem([" "])!, c => c.RunAsync(new RunCommandRequest("of-a", [" "])));
    }

    [Fact]
    public async Task A_run_command_starting_with_a_dash_is_rejected()
    {
        string[] command = ["--", "uname", "-a"];
        await RejectedFor(ArgvRules.CommandProblem(command)!, c => c.RunAsync(new RunCommandRequest("of-a", command)));
    }

    [Fact]
    public async Task Run_options_are_checked_too()
    {
        await RejectedFor(ArgvRules.UserNameRule, c => c.RunAsync(new RunCommandRequest("of-a", ["id"], User: "-root")));
        await RejectedFor(ArgvRules.FlagValueProblem("-w", "working directory")!,
            c => c.RunAsync(new RunCommandRequest("of-a", ["ls"], WorkingDirectory: "-w")));
        await RejectedFor(OptionRanges.AttemptTimeout.ToString(), c => c.RunAsync(new RunCommandRequest("of-a", ["ls"], Timeout: TimeSpan.Zero)));
        await Rejected(c => c.RunAsync(null!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_create_without_a_distro_is_rejected_with_the_known_ones(string? distro) =>
        await RejectedFor(Distros.Hint(), c => c.CreateAsync(new CreateMachineRequest("of-a", distro!)));

    [Theory]
    [InlineData("-ubuntu")]
    [InlineData("ubuntu:22.04")]
    public async Task A_create_needs_a_plain_distro(string distro) =>
        await RejectedFor(ArgvRules.ImageTokenRule, c => c.CreateAsync(new CreateMachineRequest("of-a", distro)));

    [Fact]
    public async Task A_create_with_an_unknown_architecture_is_rejected_listing_the_valid_ones() =>
        await RejectedFor(ArgvRules.ArchitectureProblem("sparc")!, c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", Arch: "sparc")));

    [Fact]
    public async Task Create_options_that_orbctl_would_read_as_flags_are_rejected()
    {
        await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", Version: "")));
        await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", User: "-u")));
        await RejectedFor(ArgvRules.FlagValueProblem("-data.yaml", "cloud-init user-data file path")!,
            c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", UserDataFile: "-data.yaml")));
        await Rejected(c => c.CreateAsync(null!));
    }

    [Fact]
    public async Task Push_and_pull_paths_must_be_present_and_not_look_like_flags()
    {
        Assert.Equal("source", (await Rejected(c => c.PushAsync("of-a", ""))).ParamName);
        await RejectedFor(ArgvRules.FlagValueProblem("-rf", "source path in the machine")!, c => c.PullAsync("of-a", "-rf"));
        Assert.Equal("destination", (await Rejected(c => c.PushAsync("of-a", "/tmp/x", " "))).ParamName);
    }

    [Fact]
    public void Options_without_an_orbctl_path_are_rejected()
    {
        var error = Assert.Throws<OrbFixturesConfigurationException>(() => new OrbCtlClient(new OrbCtlClientOptions { OrbctlPath = " " }));
        Assert.Equal("OrbCtlClientOptions.OrbctlPath", error.Key);
    }
}
