using OrbFixtures.OrbCtl;
using OrbFixtures.Tests.OrbCtl.Fakes;
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

    private async Task<string> Rejected(Func<OrbCtlClient, Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(_client));
        Assert.Empty(_runner.Invocations);
        return error.Message;
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a", "at least 2 characters")]
    [InlineData("of_db", "no '_'")]
    [InlineData("of db", "no '_' or spaces")]
    [InlineData("-of-db", "start with a letter or digit")]
    [InlineData(".of-db", "start with a letter or digit")]
    [InlineData("docker", "reserved by OrbStack")]
    [InlineData("default", "reserved by OrbStack")]
    public async Task An_invalid_machine_name_is_rejected_for_every_operation(string name, string rule)
    {
        foreach (var call in new Func<OrbCtlClient, Task>[]
        {
            c => c.GetInfoAsync(name), c => c.StartAsync(name), c => c.StopAsync(name), c => c.RestartAsync(name),
            c => c.DeleteAsync(name), c => c.GetLogsAsync(name), c => c.CloneAsync("of-src", name), c => c.CloneAsync(name, "of-dst"),
            c => c.CreateAsync(new CreateMachineRequest(name, "ubuntu")), c => c.RunAsync(new RunCommandRequest(name, ["true"])),
            c => c.PushAsync(name, "/tmp/x"), c => c.PullAsync(name, "x"),
        })
        {
            var message = await Rejected(call);
            Assert.Contains(rule, message, StringComparison.Ordinal);
            if (name.Length > 0) Assert.Contains($"'{name}'", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_name_longer_than_a_hostname_is_rejected()
    {
        var name = new string('a', 64);
        Assert.Contains("the limit is 63", await Rejected(c => c.StopAsync(name)), StringComparison.Ordinal);
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
        Assert.Contains("command to run in machine 'of-a' is empty", await Rejected(c => c.RunAsync(new RunCommandRequest("of-a", []))), StringComparison.Ordinal);
        Assert.Contains("is empty", await Rejected(c => c.RunAsync(new RunCommandRequest("of-a", [" "]))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_command_starting_with_a_dash_is_rejected()
    {
        var message = await Rejected(c => c.RunAsync(new RunCommandRequest("of-a", ["--", "uname", "-a"])));
        Assert.Contains("starts with '--'", message, StringComparison.Ordinal);
        Assert.Contains("must start with a program name", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_options_are_checked_too()
    {
        Assert.Contains("user name '-root'", await Rejected(c => c.RunAsync(new RunCommandRequest("of-a", ["id"], User: "-root"))), StringComparison.Ordinal);
        Assert.Contains("working directory '-w'", await Rejected(c => c.RunAsync(new RunCommandRequest("of-a", ["ls"], WorkingDirectory: "-w"))), StringComparison.Ordinal);
        Assert.Contains("from 10 ms to 24 h", await Rejected(c => c.RunAsync(new RunCommandRequest("of-a", ["ls"], Timeout: TimeSpan.Zero))), StringComparison.Ordinal);
        await Rejected(c => c.RunAsync(null!));
    }

    [Theory]
    [InlineData(null, "distro of machine 'of-a' is empty")]
    [InlineData("", "distro of machine 'of-a' is empty")]
    [InlineData("-ubuntu", "distro '-ubuntu'")]
    [InlineData("ubuntu:22.04", "distro 'ubuntu:22.04'")]
    public async Task A_create_needs_a_plain_distro(string? distro, string expected) =>
        Assert.Contains(expected, await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", distro!))), StringComparison.Ordinal);

    [Fact]
    public async Task A_create_with_an_unknown_architecture_is_rejected_listing_the_valid_ones()
    {
        var message = await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", Arch: "sparc")));
        Assert.Contains("Architecture 'sparc'", message, StringComparison.Ordinal);
        Assert.Contains("arm64, amd64, i386", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_options_that_orbctl_would_read_as_flags_are_rejected()
    {
        await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", Version: "")));
        await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", User: "-u")));
        Assert.Contains("'-data.yaml' starts with '-'", await Rejected(c => c.CreateAsync(new CreateMachineRequest("of-a", "ubuntu", UserDataFile: "-data.yaml"))), StringComparison.Ordinal);
        await Rejected(c => c.CreateAsync(null!));
    }

    [Fact]
    public async Task Push_and_pull_paths_must_be_present_and_not_look_like_flags()
    {
        Assert.Contains("host source path is empty", await Rejected(c => c.PushAsync("of-a", "")), StringComparison.Ordinal);
        Assert.Contains("'-rf' starts with '-'", await Rejected(c => c.PullAsync("of-a", "-rf")), StringComparison.Ordinal);
        await Rejected(c => c.PushAsync("of-a", "/tmp/x", " "));
    }

    [Fact]
    public void Options_without_an_orbctl_path_are_rejected()
    {
        var error = Assert.Throws<OrbFixturesConfigurationException>(() => new OrbCtlClient(new OrbCtlClientOptions { OrbctlPath = " " }));
        Assert.Equal("OrbCtlClientOptions.OrbctlPath", error.Key);
    }
}
